/* fwbench: firewall and cutoff figures for bench/flash.py (not a test: it prints "fwbench ..."
 * lines). Hart 0 (node 0) measures with mcycle; hart 1 (core 0 of node 1) serves commands that
 * hart 0 leaves in its mailbox; the other harts return at once. All harts' mcycle count from
 * the same reset, so they agree.
 *
 *   fwbench wmiss median=C min=C max=C samples=N
 *     a store of hart 0 to a line of node 1's memory that no cache holds (the firewall lets
 *     hart 0 write it: every vector is all ones in --elf mode), mcycle just before and after
 *     the store, less an empty region. bench/flash.py runs this on the model with the check and
 *     on the -nofw model.
 *   fwbench revoke dirty=K median=C min=C max=C samples=N
 *     hart 1 stores to K lines of a page of node 0's memory (they are modified in its L1), then
 *     hart 0 clears hart 1's bit of that page (FW_VEC) and reads FW_STATUS until the
 *     revocation is complete: mcycle before the FW_VEC store to the first FW_STATUS read of 0.
 *     Hart 0 then checks that the stores of hart 1 reached memory and gives the bit back.
 *   fwbench fill pages=P median=C samples=N
 *     a FW_VEC write that sets P pages of node 0 to all ones (no hart loses a bit), to the
 *     first FW_STATUS read of 0.
 *   fwbench cutoff sample=K after=C ok_after=C probes=N
 *     hart 0 reads fresh lines of node 1's memory back to back (each a remote clean miss)
 *     with mp_try_ld; at a cycle that moves by a few cycles per sample, hart 1 sets CUTOFF on
 *     node 1. `after`: from mcycle just before hart 1's CUTOFF store to the end of the first
 *     probe that faulted (the trap handled); `ok_after`: the last cycle at which a probe that
 *     still succeeded had started, relative to the same mcycle (negative: before it). A probe
 *     that starts after the CUTOFF store has completed and still succeeds fails the program.
 *
 * mp_cfg: w[1] samples (at most 32), w[2] 1: the write miss only (the -nofw run).
 */
#include "mp.h"
#include "../memory/timing.h"

MP_CONFIG(1, 9, 0);

#define MAX_SAMPLES 32
#define FRESH_OFF (MP_NODE_FREE + 0x400000) /* lines nobody has touched */
#define PAGE_OFF (MP_NODE_FREE + 0x300000)  /* the page revocations work on (node 0) */
#define PAGE 4096

struct mbox {
    volatile uint64_t cmd __attribute__((aligned(64)));
    volatile uint64_t arg, at, t0, t1;
};
static struct mbox mbox;
enum { CMD_NONE, CMD_DIRTY, CMD_CUTOFF, CMD_UNCUT };

static uint64_t fresh_next;
static volatile uint64_t *fresh(uint64_t node)
{
    /* 128 bytes apart: a different L1 slot each time for 128 lines */
    return mp_node_mem(node, FRESH_OFF + 128 * fresh_next++);
}

static void command(uint64_t cmd, uint64_t arg, uint64_t at)
{
    mbox.arg = arg;
    mbox.at = at;
    mp_fence();
    mbox.cmd = cmd;
}
static void command_wait(void)
{
    while (mbox.cmd != CMD_NONE)
        ;
    mp_fence();
}

static void serve(void)
{
    for (;;) {
        uint64_t c;
        while ((c = mbox.cmd) == CMD_NONE)
            ;
        mp_fence();
        if (c == CMD_DIRTY) {
            volatile uint64_t *p = mp_node_mem(0, PAGE_OFF);
            for (uint64_t i = 0; i < mbox.arg; i++)
                p[i * 8] = mbox.at + i;
        } else if (c == CMD_CUTOFF || c == CMD_UNCUT) {
            volatile uint64_t *r = mp_ctrl(1, HIVE_CTRL_CUTOFF);
            uint64_t v = c == CMD_CUTOFF, t0, t1;
            mp_wait_cycle(mbox.at);
            __asm__ volatile("csrr %0, mcycle\n sd %2, 0(%3)\n ld %1, 0(%3)\n csrr %1, mcycle"
                             : "=&r"(t0), "=&r"(t1) : "r"(v), "r"(r) : "memory");
            mbox.t0 = t0;
            mbox.t1 = t1;
        }
        mp_fence();
        mbox.cmd = CMD_NONE;
    }
}

static uint64_t overhead;

/* Sets `pages` pages of node 0 from PAGE_OFF's page to `vec`; returns the cycles from the
 * FW_VEC store to the first FW_STATUS read of 0. */
static uint64_t fw_set(uint64_t first_off, uint64_t pages, uint64_t vec)
{
    volatile uint64_t *c = mp_ctrl(0, 0);
    c[HIVE_CTRL_FW_ADDR / 8] = (uintptr_t)mp_node_mem(0, first_off);
    c[HIVE_CTRL_FW_PAGES / 8] = pages;
    uint64_t t0 = mp_cycle();
    c[HIVE_CTRL_FW_VEC / 8] = vec;
    while (c[HIVE_CTRL_FW_STATUS / 8] & 1)
        ;
    return mp_cycle() - t0;
}

int mp_main(uint64_t hart)
{
    if (hart == mp_cores) {
        serve();
        return 0;
    }
    if (hart != 0)
        return 0;
    uint64_t n = mp_cfg.w[1] > MAX_SAMPLES ? MAX_SAMPLES : mp_cfg.w[1];
    uint64_t s[MAX_SAMPLES], all = (1ULL << mp_harts) - 1;
    overhead = ~0ULL;
    for (int i = 0; i < 16; i++) {
        uint64_t e = empty_region();
        overhead = e < overhead ? e : overhead;
    }

    for (uint64_t i = 0; i < n; i++)
        s[i] = timed_store(fresh(1), i) - overhead;
    sort(s, n);
    mp_printf("fwbench wmiss median=%lu min=%lu max=%lu samples=%lu\n", s[n / 2], s[0],
              s[n - 1], n);
    if (mp_cfg.w[2] == 1) {
        mp_printf("fwbench done\n");
        return 0;
    }

    static const uint64_t dirty[] = {0, 1, 64};
    for (unsigned d = 0; d < sizeof dirty / sizeof dirty[0]; d++) {
        for (uint64_t i = 0; i < n; i++) {
            uint64_t base = 0x1000 * (d * MAX_SAMPLES + i + 1);
            command(CMD_DIRTY, dirty[d], base);
            command_wait();
            s[i] = fw_set(PAGE_OFF, 1, all & ~(1ULL << mp_cores));
            volatile uint64_t *p = mp_node_mem(0, PAGE_OFF);
            for (uint64_t k = 0; k < dirty[d]; k++)
                if (p[k * 8] != base + k) {
                    mp_printf("fwbench: revoked line %lu reads 0x%lx, hart %lu stored 0x%lx\n",
                              k, p[k * 8], mp_cores, base + k);
                    return 1;
                }
            fw_set(PAGE_OFF, 1, all);
        }
        sort(s, n);
        mp_printf("fwbench revoke dirty=%lu median=%lu min=%lu max=%lu samples=%lu\n", dirty[d],
                  s[n / 2], s[0], s[n - 1], n);
    }

    uint64_t node_pages = *mp_ctrl(0, HIVE_CTRL_NODE_MEM) / PAGE;
    static const uint64_t fills[] = {1, 16, 256, 4096};
    for (unsigned f = 0; f < sizeof fills / sizeof fills[0]; f++) {
        if (fills[f] > node_pages)
            continue;
        uint64_t k = n < 3 ? n : 3; /* the figure does not vary: no hart holds anything */
        for (uint64_t i = 0; i < k; i++)
            s[i] = fw_set(0, fills[f], all);
        sort(s, k);
        mp_printf("fwbench fill pages=%lu median=%lu samples=%lu\n", fills[f], s[k / 2], k);
    }

    /* cutoff: probes of fresh node-1 lines while hart 1 sets CUTOFF */
    uint64_t v, dummy;
    (void)mp_try_ld(0x40000000ULL, &dummy); /* the trap path into the L1s */
    for (uint64_t i = 0; i < n; i++) {
        uint64_t at = mp_cycle() + 2000 + 7 * i, t_ok = 0, t_end = 0, probes = 0;
        command(CMD_CUTOFF, 0, at);
        while (mp_cycle() < at - 600)
            ;
        for (;;) {
            uint64_t t0 = mp_cycle();
            uint64_t c = mp_try_ld((uintptr_t)fresh(1), &v);
            uint64_t t1 = mp_cycle();
            probes++;
            if (c) {
                t_end = t1;
                break;
            }
            t_ok = t0;
            if (probes > 1000) {
                mp_printf("fwbench: no probe faulted after CUTOFF\n");
                return 3;
            }
        }
        command_wait();
        if (t_ok > mbox.t1) {
            mp_printf("fwbench: a probe started at %lu succeeded, CUTOFF was set at %lu\n", t_ok,
                      mbox.t1);
            return 4;
        }
        mp_printf("fwbench cutoff sample=%lu after=%ld ok_after=%ld probes=%lu\n", i,
                  (int64_t)(t_end - mbox.t0), (int64_t)(t_ok - mbox.t0), probes);
        command(CMD_UNCUT, 0, 0);
        command_wait();
    }
    mp_printf("fwbench done\n");
    return 0;
}
