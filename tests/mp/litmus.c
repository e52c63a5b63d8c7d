/* litmus: the classic litmus tests, many runs each, every outcome checked against RVWMO.
 *
 * Tests (mp_cfg w[2]), each with fences (w[3] = 1) or without (w[3] = 0):
 *   0 MP    T0: x=1; [fence w,w]; y=1          T1: r0=y; [fence r,r]; r1=x
 *           forbidden with fences: r0=1, r1=0
 *   1 SB    T0: x=1; [fence rw,rw]; r0=y       T1: y=1; [fence rw,rw]; r1=x
 *           forbidden with fences: r0=0, r1=0
 *   2 LB    T0: r0=x; [fence rw,rw]; y=1       T1: r1=y; [fence rw,rw]; x=1
 *           forbidden with fences: r0=1, r1=1
 *   3 IRIW  T0: x=1   T1: y=1   T2: r0=x; [fence r,r]; r1=y   T3: r2=y; [fence r,r]; r3=x
 *           forbidden with fences: r0=1, r1=0, r2=1, r3=0 (RVWMO is multi-copy atomic)
 *   4 MP with release/acquire AMOs instead of fences:
 *           T0: x=1; amoswap.d.rl y=1          T1: r0=amoor.d.aq y,0; r1=x
 *           forbidden (whatever w[3]): r0=1, r1=0
 * Without fences RVWMO allows every outcome; a value other than 0 or 1 is always wrong.
 *
 * Every run: hart 0 clears x and y (placed each run on lines homed at other nodes), a barrier,
 * the threads (on harts that change from run to run: pairs at every distance) pause a random
 * while and run their code, a barrier, hart 0 classifies the outcome. The histogram of
 * outcomes is printed at the end. Fail codes: 1 forbidden outcome, 2 impossible value.
 *
 * mp_cfg: w[0] seed, w[1] runs, w[2] test, w[3] fences.
 */
#include "mp.h"

MP_CONFIG(1, 200, 0, 1);

#define VAR_OFF (MP_NODE_FREE + 0x8000)
static const char *const names[] = {"MP", "SB", "LB", "IRIW", "MP+rel/acq"};
static const int threads_of[] = {2, 2, 2, 4, 2};

static volatile uint64_t result[4][8] __attribute__((aligned(64)));
static uint64_t hist[16];

static void thread(int test, int fences, int t, volatile uint64_t *x, volatile uint64_t *y)
{
    uint64_t one = 1, r0 = 0, r1 = 0;
    switch (test * 2 + fences) {
    case 0: /* MP */
        if (t == 0)
            __asm__ volatile("sd %0, (%1)\n sd %0, (%2)" : : "r"(one), "r"(x), "r"(y) : "memory");
        else
            __asm__ volatile("ld %0, (%2)\n ld %1, (%3)" : "=&r"(r0), "=&r"(r1) : "r"(y), "r"(x)
                             : "memory");
        break;
    case 1:
        if (t == 0)
            __asm__ volatile("sd %0, (%1)\n fence w, w\n sd %0, (%2)"
                             : : "r"(one), "r"(x), "r"(y) : "memory");
        else
            __asm__ volatile("ld %0, (%2)\n fence r, r\n ld %1, (%3)"
                             : "=&r"(r0), "=&r"(r1) : "r"(y), "r"(x) : "memory");
        break;
    case 2: /* SB */
    case 3:
        if (t == 0) {
            if (fences)
                __asm__ volatile("sd %1, (%2)\n fence rw, rw\n ld %0, (%3)"
                                 : "=&r"(r0) : "r"(one), "r"(x), "r"(y) : "memory");
            else
                __asm__ volatile("sd %1, (%2)\n ld %0, (%3)"
                                 : "=&r"(r0) : "r"(one), "r"(x), "r"(y) : "memory");
        } else {
            if (fences)
                __asm__ volatile("sd %1, (%2)\n fence rw, rw\n ld %0, (%3)"
                                 : "=&r"(r1) : "r"(one), "r"(y), "r"(x) : "memory");
            else
                __asm__ volatile("sd %1, (%2)\n ld %0, (%3)"
                                 : "=&r"(r1) : "r"(one), "r"(y), "r"(x) : "memory");
        }
        break;
    case 4: /* LB */
    case 5:
        if (t == 0) {
            if (fences)
                __asm__ volatile("ld %0, (%2)\n fence rw, rw\n sd %1, (%3)"
                                 : "=&r"(r0) : "r"(one), "r"(x), "r"(y) : "memory");
            else
                __asm__ volatile("ld %0, (%2)\n sd %1, (%3)"
                                 : "=&r"(r0) : "r"(one), "r"(x), "r"(y) : "memory");
        } else {
            if (fences)
                __asm__ volatile("ld %0, (%2)\n fence rw, rw\n sd %1, (%3)"
                                 : "=&r"(r1) : "r"(one), "r"(y), "r"(x) : "memory");
            else
                __asm__ volatile("ld %0, (%2)\n sd %1, (%3)"
                                 : "=&r"(r1) : "r"(one), "r"(y), "r"(x) : "memory");
        }
        break;
    case 6: /* IRIW */
    case 7:
        if (t == 0)
            *x = 1;
        else if (t == 1)
            *y = 1;
        else {
            volatile uint64_t *a = t == 2 ? x : y, *b = t == 2 ? y : x;
            if (fences)
                __asm__ volatile("ld %0, (%2)\n fence r, r\n ld %1, (%3)"
                                 : "=&r"(r0), "=&r"(r1) : "r"(a), "r"(b) : "memory");
            else
                __asm__ volatile("ld %0, (%2)\n ld %1, (%3)"
                                 : "=&r"(r0), "=&r"(r1) : "r"(a), "r"(b) : "memory");
        }
        break;
    default: /* MP with release/acquire AMOs */
        if (t == 0)
            __asm__ volatile("sd %0, (%1)\n amoswap.d.rl zero, %0, (%2)"
                             : : "r"(one), "r"(x), "r"(y) : "memory");
        else
            __asm__ volatile("amoor.d.aq %0, zero, (%2)\n ld %1, (%3)"
                             : "=&r"(r0), "=&r"(r1) : "r"(y), "r"(x) : "memory");
        break;
    }
    result[t][0] = r0;
    result[t][1] = r1;
}

/* The outcome as a bit string r0 r1 (r2 r3), first register in the highest bit. */
static unsigned outcome(int test, int *bad)
{
    uint64_t r[4];
    int n;
    if (test == 3) {
        r[0] = result[2][0], r[1] = result[2][1], r[2] = result[3][0], r[3] = result[3][1];
        n = 4;
    } else if (test == 1 || test == 2) {
        r[0] = result[0][0], r[1] = result[1][1];
        n = 2;
    } else {
        r[0] = result[1][0], r[1] = result[1][1];
        n = 2;
    }
    unsigned o = 0;
    for (int i = 0; i < n; i++) {
        if (r[i] > 1)
            *bad = 1;
        o = o << 1 | (unsigned)(r[i] & 1);
    }
    return o;
}

static int forbidden(int test, int fences, unsigned o)
{
    if (test == 4)
        return o == 2; /* r0=1, r1=0 */
    if (!fences)
        return 0;
    switch (test) {
    case 0: return o == 2;  /* MP: r0=1 r1=0 */
    case 1: return o == 0;  /* SB: r0=0 r1=0 */
    case 2: return o == 3;  /* LB: r0=1 r1=1 */
    default: return o == 10; /* IRIW: 1 0 1 0 */
    }
}

int mp_main(uint64_t hart)
{
    uint64_t H = mp_harts, N = mp_nodes, runs = mp_cfg.w[1];
    int test = (int)(mp_cfg.w[2] % 5), fences = mp_cfg.w[3] != 0;
    int T = threads_of[test];
    uint64_t rng = mp_seed_for(mp_cfg.w[0], hart, 4);
    if (H < (uint64_t)T) {
        if (hart == 0)
            mp_printf("litmus %s: needs %d harts, the machine has %lu: nothing to do\n",
                      names[test], T, H);
        return 0;
    }
    for (uint64_t i = 0; i < runs; i++) {
        /* x and y: homed at two nodes that change every run (the same one on a 1-node machine) */
        volatile uint64_t *x = mp_node_mem((i + 1) % N, VAR_OFF + (i % 4) * 128);
        volatile uint64_t *y = mp_node_mem((i + 2) % N, VAR_OFF + 0x1000 + (i % 4) * 128);
        if (hart == 0) {
            *x = 0;
            *y = 0;
        }
        mp_barrier();
        /* thread t on hart (first + t * step) mod H: every pair distance in turn */
        uint64_t first = i % H;
        uint64_t step = T == 2 ? 1 + (i / H) % (H - 1) : H / 4;
        for (int t = 0; t < T; t++)
            if ((first + (uint64_t)t * step) % H == hart) {
                mp_delay(mp_rand(&rng) % 48);
                thread(test, fences, t, x, y);
            }
        mp_barrier();
        if (hart == 0) {
            int bad = 0;
            unsigned o = outcome(test, &bad);
            if (bad) {
                mp_printf("litmus %s: run %lu: a register holds a value nobody stored\n",
                          names[test], i);
                return 2;
            }
            hist[o]++;
            if (forbidden(test, fences, o)) {
                mp_printf("litmus %s%s: run %lu: forbidden outcome 0x%x (threads from hart "
                          "%lu, step %lu)\n",
                          names[test], fences ? "+fences" : "", i, o, first, step);
                return 1;
            }
        }
    }
    if (hart == 0) {
        mp_printf("litmus %s%s: %lu runs, outcomes:", names[test],
                  test != 4 && fences ? "+fences" : "", runs);
        for (unsigned o = 0; o < (T == 4 ? 16u : 4u); o++)
            if (hist[o]) {
                mp_printf(" ");
                for (int b = (T == 4 ? 3 : 1); b >= 0; b--)
                    mp_printf("%u", (o >> b) & 1);
                mp_printf("=%lu", hist[o]);
            }
        mp_printf("\n");
    }
    return 0;
}
