/* Runtime of the multi-hart test programs (tests/mp, docs/testing.md).
 *
 * Every hart of every node runs the program (hive-sim --elf): crt.S gives each hart a stack and
 * calls mp_main(hart) with hart = mhartid = node * cores + core; hart 0's return value ends the
 * run on the machine finisher (0 pass, 1..99 the fail code; hive-sim exits with it), the others
 * park when they return. The code and data of the ELF live in node 0's memory (the remap
 * window of every node shows it) and are shared coherently by all harts; mp_node_mem() gives
 * memory homed at another node (its global window).
 *
 * A program's parameters are the words of `mp_cfg`, which tests/run.py patches in a copy of the
 * ELF (seed, iterations, ...): each program documents what its words mean. A check that fails
 * prints what it saw on the hart's node console and calls mp_fail(code), which ends the run at
 * once from any hart.
 */
#ifndef MP_H
#define MP_H

#include <stdarg.h>
#include <stdint.h>

#include "hive_regs.h"

#define MP_CFG_MAGIC 0x4749464e4f43504dULL /* "MPCONFIG" */
#define MP_CFG_WORDS 8
/* mp_cfg.w[0] seed, w[1] iterations, w[2..7] the program's own */
struct mp_config {
    uint64_t magic;
    uint64_t w[MP_CFG_WORDS];
};
extern volatile struct mp_config mp_cfg;
/* Each program defines its defaults with this (the symbol tests/run.py patches). */
#define MP_CONFIG(...)                                                                      \
    volatile struct mp_config mp_cfg __attribute__((section(".data.mpcfg"), aligned(64))) = \
        {MP_CFG_MAGIC, {__VA_ARGS__}}

/* The machine's shape (set by hart 0 before any hart runs mp_main). */
extern volatile uint64_t mp_nodes, mp_cores, mp_harts;

int mp_main(uint64_t hart);

/* ---- memory ---- */
#define MP_LINE 64
/* Memory homed at node n: its global window, `off` bytes in. Offsets below MP_NODE_FREE may
 * hold the ELF (node 0); the tests use MP_NODE_FREE and up. */
#define MP_NODE_FREE 0x800000ULL
static inline volatile uint64_t *mp_node_mem(uint64_t node, uint64_t off)
{
    return (volatile uint64_t *)(uintptr_t)(HIVE_GLOBAL_BASE + node * HIVE_GLOBAL_SIZE + off);
}
/* The controller registers of the hart's own node (another node's are a bus error). */
static inline volatile uint64_t *mp_ctrl(uint64_t node, uint64_t reg)
{
    return (volatile uint64_t *)(uintptr_t)(HIVE_NODEDEV_BASE + node * HIVE_NODEDEV_SIZE +
                                            HIVE_NODEDEV_CTRL + reg);
}
static inline uint64_t mp_node_of(uint64_t hart) { return hart / mp_cores; }

/* ---- counters, fences, atomics ---- */
static inline uint64_t mp_cycle(void)
{
    uint64_t c;
    __asm__ volatile("csrr %0, mcycle" : "=r"(c) : : "memory");
    return c;
}
#define mp_fence() __asm__ volatile("fence rw, rw" ::: "memory")
static inline uint64_t mp_amoadd(volatile uint64_t *p, uint64_t v)
{
    uint64_t old;
    __asm__ volatile("amoadd.d.aqrl %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory");
    return old;
}
static inline uint64_t mp_amoswap(volatile uint64_t *p, uint64_t v)
{
    uint64_t old;
    __asm__ volatile("amoswap.d.aqrl %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory");
    return old;
}
/* Waits `n` loop turns (a pause that changes the interleaving). */
static inline void mp_delay(uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        __asm__ volatile("" ::: "memory");
}
/* Spins until mcycle reaches `c`. */
static inline void mp_wait_cycle(uint64_t c)
{
    while (mp_cycle() < c)
        ;
}

/* A barrier of every hart (sense reversing; fences on both sides). */
void mp_barrier(void);
/* A barrier of `n` harts, on its own counter (for programs where some harts stop). */
struct mp_bar {
    volatile uint64_t count __attribute__((aligned(64)));
    volatile uint64_t sense __attribute__((aligned(64)));
};
void mp_barrier_of(struct mp_bar *b, uint64_t n, uint64_t *local_sense);

/* ---- random numbers: xorshift64* (state != 0), the same on the host (tests/run.py) ---- */
static inline uint64_t mp_rand(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dULL;
}
/* A per-hart, per-purpose generator state from the seed (never 0). */
uint64_t mp_seed_for(uint64_t seed, uint64_t hart, uint64_t salt);

/* ---- console (the hart's node UART; one hart prints at a time) ---- */
void mp_printf(const char *fmt, ...);
/* Ends the run with fail code `code` (1..99), from any hart. */
__attribute__((noreturn)) void mp_fail(int code);

/* ---- traps ----
 * mp_try_*: one access; 0 when it completed, else the mcause of its access fault (the trap
 * handler resumes after it). Any other trap is unexpected: it prints cause, epc and tval and
 * fails with code MP_FAIL_TRAP, unless the program set mp_irq_hook for interrupts. */
#define MP_FAIL_TRAP 99
uint64_t mp_try_ld(uint64_t addr, uint64_t *val);
uint64_t mp_try_sd(uint64_t addr, uint64_t val);
uint64_t mp_try_amoadd(uint64_t addr, uint64_t inc, uint64_t *old);
struct mp_trapinfo {
    uint64_t cause, epc, tval, count;
};
/* What the last probe fault of each hart recorded. */
extern volatile struct mp_trapinfo mp_trapinfo[64];
/* Called for an interrupt (mcause < 0) with the cause code; it must clear the source. */
extern void (*volatile mp_irq_hook[64])(uint64_t hart, uint64_t code);

#endif
