/* memlat: latencies of the coherent memory, measured with mcycle by hart 0 (bench/memory.py).
 *
 * Every hart runs the program; hart 0 measures and the others serve commands that hart 0 puts
 * in their mailboxes (load, store or a burst of amoadd.d at an address). Each latency is the
 * median over `samples` accesses of mcycle read just before and just after one access, less
 * the cycles of an empty region. Every miss uses a line no cache has held (fresh lines of the
 * home node's memory), so that the directory finds it uncached unless the measurement says
 * otherwise. Output, one line per figure, parsed by bench/memory.py:
 *
 *   memlat NAME home=H owner=O hops=D median=C min=C max=C samples=N
 *
 * NAME: l1_hit, miss (clean miss: home = requester's node or another node, D mesh hops away),
 * dirty (the line is modified in node O's cache; the value read is checked), upgrade (a store
 * to a line hart 0 shares with another node), amo_hit, amo_contended (every hart adds k times
 * to one line homed at node 0: `median` is the mean cycles per AMO over all harts, `min` and
 * `max` the lowest and highest per-hart mean, `owner` the number of harts, `samples` k; the
 * final count is checked). The mesh width (hops) is the RTL's: 1, 2, 2, 4, 4
 * nodes across for 1, 2, 4, 8, 16 nodes (rtl/noc/mesh.sv).
 *
 * mp_cfg: w[1] samples per figure (at most 64), w[2] AMOs per hart in the contended burst.
 */
#include "mp.h"
#include "timing.h"

MP_CONFIG(1, 15, 200);

#define MAX_SAMPLES 64
#define FRESH_OFF (MP_NODE_FREE + 0x400000) /* lines nobody has touched */

struct mbox {
    volatile uint64_t cmd __attribute__((aligned(64)));
    volatile uint64_t addr, arg, result;
};
static struct mbox mbox[64];
enum { CMD_NONE, CMD_LOAD, CMD_STORE, CMD_AMO_BURST };

static uint64_t fresh_next[16];
/* A line of node n's memory that nobody has used yet. */
static volatile uint64_t *fresh(uint64_t n)
{
    /* 128 bytes apart: a different L1 slot each time for 128 lines */
    return mp_node_mem(n, FRESH_OFF + 128 * fresh_next[n]++);
}

static uint64_t hops(uint64_t a, uint64_t b)
{
    uint64_t w = mp_nodes >= 8 ? 4 : mp_nodes >= 2 ? 2 : 1;
    int64_t dx = (int64_t)(a % w) - (int64_t)(b % w), dy = (int64_t)(a / w) - (int64_t)(b / w);
    return (uint64_t)(dx < 0 ? -dx : dx) + (uint64_t)(dy < 0 ? -dy : dy);
}

static uint64_t overhead;

static void command(uint64_t hart, uint64_t cmd, volatile uint64_t *addr, uint64_t arg)
{
    mbox[hart].addr = (uintptr_t)addr;
    mbox[hart].arg = arg;
    mp_fence();
    mbox[hart].cmd = cmd;
    while (mbox[hart].cmd != CMD_NONE)
        ;
    mp_fence();
}

static void serve(uint64_t hart)
{
    for (;;) {
        uint64_t c;
        while ((c = mbox[hart].cmd) == CMD_NONE)
            ;
        mp_fence();
        volatile uint64_t *p = (volatile uint64_t *)(uintptr_t)mbox[hart].addr;
        if (c == CMD_LOAD) {
            mbox[hart].result = *p;
        } else if (c == CMD_STORE) {
            *p = mbox[hart].arg;
        } else if (c == CMD_AMO_BURST) {
            uint64_t t0 = mp_cycle();
            for (uint64_t i = 0; i < mbox[hart].arg; i++)
                mp_amoadd(p, 1);
            mbox[hart].result = mp_cycle() - t0;
        }
        mp_fence();
        mbox[hart].cmd = CMD_NONE;
    }
}

static void report(const char *name, uint64_t home, uint64_t owner, uint64_t d, uint64_t *s,
                   uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        s[i] = s[i] > overhead ? s[i] - overhead : 0;
    sort(s, n);
    mp_printf("memlat %s home=%lu owner=%lu hops=%lu median=%lu min=%lu max=%lu samples=%lu\n",
              name, home, owner, d, s[n / 2], s[0], s[n - 1], n);
}

int mp_main(uint64_t hart)
{
    if (hart != 0) {
        serve(hart);
        return 0;
    }
    uint64_t N = mp_nodes, C = mp_cores, H = mp_harts;
    uint64_t n = mp_cfg.w[1] > MAX_SAMPLES ? MAX_SAMPLES : mp_cfg.w[1];
    uint64_t s[MAX_SAMPLES];
    overhead = ~0ULL;
    for (int i = 0; i < 16; i++) {
        uint64_t e = empty_region();
        overhead = e < overhead ? e : overhead;
    }
    mp_printf("memlat shape nodes=%lu cores=%lu overhead=%lu\n", N, C, overhead);

    volatile uint64_t *p = fresh(0);
    (void)*p;
    for (uint64_t i = 0; i < n; i++)
        s[i] = timed_load(p);
    report("l1_hit", 0, 0, 0, s, n);

    for (uint64_t home = 0; home < N; home++) {
        for (uint64_t i = 0; i < n; i++)
            s[i] = timed_load(fresh(home));
        report("miss", home, home, hops(0, home), s, n);
    }

    /* dirty: the line was stored by a hart of node `owner` (the only copy, modified) */
    for (uint64_t home = 0; home < N && N > 1; home++)
        for (uint64_t owner = 1; owner < N; owner++) {
            if (N > 4 && owner != N - 1 && owner != home)
                continue; /* on big machines: the owner at the home and the farthest node */
            for (uint64_t i = 0; i < n; i++) {
                volatile uint64_t *q = fresh(home);
                command(owner * C, CMD_STORE, q, 0x5a00 + i);
                s[i] = timed_load(q);
                if (*q != 0x5a00 + i) {
                    mp_printf("memlat: dirty line 0x%lx reads 0x%lx, node %lu stored 0x%lx\n",
                              (uint64_t)(uintptr_t)q, *q, owner, 0x5a00 + i);
                    return 2;
                }
            }
            report("dirty", home, owner, hops(0, home), s, n);
        }

    /* upgrade: hart 0 and node 1's first hart share the line, hart 0 stores */
    for (uint64_t home = 0; home < N && N > 1; home++) {
        for (uint64_t i = 0; i < n; i++) {
            volatile uint64_t *q = fresh(home);
            (void)*q;
            command(C, CMD_LOAD, q, 0);
            s[i] = timed_store(q, i);
        }
        report("upgrade", home, 1, hops(0, home), s, n);
    }

    /* AMO on a line hart 0 owns */
    p = fresh(0);
    *p = 0;
    for (uint64_t i = 0; i < n; i++)
        s[i] = timed_amo(p);
    report("amo_hit", 0, 0, 0, s, n);

    /* contended AMO: every hart adds to one line homed at node 0 */
    uint64_t k = mp_cfg.w[2];
    p = fresh(0);
    for (uint64_t h = 1; h < H; h++) {
        mbox[h].addr = (uintptr_t)p;
        mbox[h].arg = k;
        mp_fence();
        mbox[h].cmd = CMD_AMO_BURST;
    }
    uint64_t t0 = mp_cycle();
    for (uint64_t i = 0; i < k; i++)
        mp_amoadd(p, 1);
    uint64_t mine = mp_cycle() - t0, sum = mine, lo = mine, hi = mine;
    for (uint64_t h = 1; h < H; h++) {
        while (mbox[h].cmd != CMD_NONE)
            ;
        uint64_t r = mbox[h].result;
        sum += r;
        lo = r < lo ? r : lo;
        hi = r > hi ? r : hi;
    }
    if (*p != H * k) {
        mp_printf("memlat: contended counter %lu, expected %lu\n", *p, H * k);
        return 1;
    }
    mp_printf("memlat amo_contended home=0 owner=%lu hops=0 median=%lu min=%lu max=%lu "
              "samples=%lu\n", H, sum / (H * k), lo / k, hi / k, k);
    mp_printf("memlat done\n");
    return 0;
}
