/* Shared by the fault-model programs (tests/mp/fault_*.c): the roles of the harts around a
 * node that tests/run.py fails with --fail-node F@CYCLE (mp_cfg w[2] = F, w[3] = CYCLE).
 *
 * Hart 0 (node 0) checks. The harts of node F write their L1 back (fence.i), so that they own
 * no shared line but the ones the program wants lost, make their one access (the program's
 * `victim` says which), raise a flag and wait in a loop that touches no memory. The
 * other harts are survivors: until hart 0 says stop, they add to an AMO counter homed at node 0
 * and store and check a word of their own node's memory; then each adds its count to a total.
 * No barrier is used after the failure: the failed harts could own its lines.
 *
 * The bound on a faulting access: CTRL_TIMEOUT cycles without a reply, plus FAULT_SLACK for
 * the trip through the mesh, the trap and the probe (docs/testing.md). The boards' core
 * (SHORT_PATHS, the mp-board tests) takes about twice the cycles per instruction of the trap
 * and the probe: about 300 cycles over CTRL_TIMEOUT there, 130 to 180 on the simulator's core.
 */
#ifndef FAULT_H
#define FAULT_H

#include "mp.h"

#define FAULT_SLACK 400

struct fault_shared {
    volatile uint64_t go __attribute__((aligned(64)));
    volatile uint64_t victim_ready __attribute__((aligned(64)));
    volatile uint64_t stop __attribute__((aligned(64)));
    volatile uint64_t counter __attribute__((aligned(64)));
    volatile uint64_t total __attribute__((aligned(64)));
    volatile uint64_t survivors_done __attribute__((aligned(64)));
};
extern struct fault_shared fs;

/* Hart 0's set-up before the victims start (they wait for it). */
void setup(void);
/* The program's part for node F's harts, before the failure: one access (each of them). It
 * is made after the L1 was written back, from registers alone, so that the harts of node F
 * own nothing else when it fails (a constant the compiler loads from .rodata would make them
 * exclusive holders of a line hart 0 needs later). */
struct victim_op {
    int kind; /* 0 none, 1 load, 2 store */
    volatile uint64_t *addr;
    uint64_t value;
};
struct victim_op victim(uint64_t hart);
/* Hart 0's checks; returns 0 or a fail code. */
int checker(uint64_t failed_node, uint64_t fail_at);

static inline uint64_t fault_timeout(void)
{
    return *mp_ctrl(0, HIVE_CTRL_TIMEOUT);
}

/* A probe that faults at once (nothing at that address): brings the trap path into the L1s,
 * so that a timed probe measures the memory system, not instruction misses of the handler. */
#define FAULT_UNMAPPED 0x40000000ULL
static inline void warm_trap_path(void)
{
    uint64_t v;
    (void)mp_try_ld(FAULT_UNMAPPED, &v);
    (void)mp_try_sd(FAULT_UNMAPPED, 0);
    (void)mp_try_amoadd(FAULT_UNMAPPED, 0, &v);
}

/* Times one probe: returns the mcause (0: no fault) and the cycles it took in *dt. */
static inline uint64_t timed_ld(uint64_t addr, uint64_t *val, uint64_t *dt)
{
    warm_trap_path();
    uint64_t t0 = mp_cycle();
    uint64_t c = mp_try_ld(addr, val);
    *dt = mp_cycle() - t0;
    return c;
}

#endif
