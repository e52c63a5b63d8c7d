/* atomics: AMO counters shared by every hart.
 *
 * Each hart does `iterations` rounds of: amoadd.d +1 and amoadd.w +(hart+1) on one line of
 * node 0, amoadd.d on a counter homed at node (round mod nodes), amoor.d of its bit, amomax.d
 * and amomin.w of values only it uses, amoswap.d of a token that it never uses again, and a
 * plain load/add/store of its own word in the line the AMOs hammer (false sharing: an AMO
 * must never lose another hart's store to the same line). After a barrier hart 0 compares
 * every result with what the numbers of harts and rounds imply.
 *
 * mp_cfg: w[1] rounds per hart. Fail codes: 1 amoadd.d, 2 amoadd.w, 3 per-node counters,
 * 4 amoor, 5 amomax, 6 amomin, 7 amoswap conservation, 8 false-sharing words.
 */
#include "mp.h"

MP_CONFIG(1, 200);

struct hot {
    volatile uint64_t add64;
    volatile uint32_t add32, pad;
    volatile uint64_t bits;
    volatile int64_t max64;
    volatile int32_t min32, pad2;
    volatile uint64_t swap;
    volatile uint64_t own[2]; /* harts 0, 1 */
} __attribute__((aligned(64)));
static struct hot hot;
/* plain-store words of harts 2.. (on the swap line's neighbour: another line, same home) */
static volatile uint64_t own_more[64] __attribute__((aligned(64)));
static uint64_t swap_out[64][8] __attribute__((aligned(64))); /* per hart: sum of returns */

#define NODE_CTR_OFF (MP_NODE_FREE + 0x1000)

static inline uint32_t amoadd_w(volatile uint32_t *p, uint32_t v)
{
    uint32_t old;
    __asm__ volatile("amoadd.w %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory");
    return old;
}
static inline void amoor_d(volatile uint64_t *p, uint64_t v)
{
    __asm__ volatile("amoor.d zero, %1, (%0)" : : "r"(p), "r"(v) : "memory");
}
static inline void amomax_d(volatile int64_t *p, int64_t v)
{
    __asm__ volatile("amomax.d zero, %1, (%0)" : : "r"(p), "r"(v) : "memory");
}
static inline void amomin_w(volatile int32_t *p, int32_t v)
{
    __asm__ volatile("amomin.w zero, %1, (%0)" : : "r"(p), "r"(v) : "memory");
}

int mp_main(uint64_t hart)
{
    uint64_t H = mp_harts, N = mp_nodes, R = mp_cfg.w[1];
    volatile uint64_t *mine = hart < 2 ? &hot.own[hart] : &own_more[hart];
    if (hart == 0) {
        for (uint64_t n = 0; n < N; n++)
            *mp_node_mem(n, NODE_CTR_OFF) = 0;
        hot.min32 = 0;
    }
    mp_barrier();
    uint64_t swapped = 0;
    for (uint64_t i = 0; i < R; i++) {
        mp_amoadd(&hot.add64, 1);
        amoadd_w(&hot.add32, (uint32_t)(hart + 1));
        mp_amoadd(mp_node_mem(i % N, NODE_CTR_OFF), hart + 1);
        amoor_d(&hot.bits, 1ULL << hart);
        amomax_d(&hot.max64, (int64_t)(hart * R + i));
        amomin_w(&hot.min32, -(int32_t)(hart * R + i));
        swapped += mp_amoswap(&hot.swap, (hart << 32 | i) + 1);
        *mine = *mine + 1;
    }
    swap_out[hart][0] = swapped;
    mp_barrier();
    if (hart != 0)
        return 0;

    int bad = 0;
    if (hot.add64 != H * R) {
        mp_printf("atomics: amoadd.d counter %lu, expected %lu\n", hot.add64, H * R);
        bad = bad ? bad : 1;
    }
    uint32_t want32 = (uint32_t)(R * H * (H + 1) / 2);
    if (hot.add32 != want32) {
        mp_printf("atomics: amoadd.w counter %u, expected %u\n", hot.add32, want32);
        bad = bad ? bad : 2;
    }
    for (uint64_t n = 0; n < N; n++) {
        uint64_t rounds = R / N + (n < R % N ? 1 : 0); /* rounds i with i mod N == n */
        uint64_t want = rounds * H * (H + 1) / 2;
        uint64_t got = *mp_node_mem(n, NODE_CTR_OFF);
        if (got != want) {
            mp_printf("atomics: counter homed at node %lu: %lu, expected %lu\n", n, got, want);
            bad = bad ? bad : 3;
        }
    }
    uint64_t all = H >= 64 ? ~0ULL : (1ULL << H) - 1;
    if (hot.bits != all) {
        mp_printf("atomics: amoor mask 0x%lx, expected 0x%lx\n", hot.bits, all);
        bad = bad ? bad : 4;
    }
    if (hot.max64 != (int64_t)(H * R - 1)) {
        mp_printf("atomics: amomax %ld, expected %ld\n", hot.max64, (int64_t)(H * R - 1));
        bad = bad ? bad : 5;
    }
    if (hot.min32 != -(int32_t)(H * R - 1)) {
        mp_printf("atomics: amomin.w %d, expected %d\n", hot.min32, -(int32_t)(H * R - 1));
        bad = bad ? bad : 6;
    }
    /* every token written is either returned to someone or still in the word */
    uint64_t written = 0, returned = hot.swap;
    for (uint64_t h = 0; h < H; h++) {
        returned += swap_out[h][0];
        for (uint64_t i = 0; i < R; i++)
            written += (h << 32 | i) + 1;
    }
    if (written != returned) {
        mp_printf("atomics: amoswap tokens: %lu written, %lu returned + left\n", written,
                  returned);
        bad = bad ? bad : 7;
    }
    for (uint64_t h = 0; h < H; h++) {
        uint64_t v = h < 2 ? hot.own[h] : own_more[h];
        if (v != R) {
            mp_printf("atomics: hart %lu's own word %lu, expected %lu (a store was lost)\n", h,
                      v, R);
            bad = bad ? bad : 8;
        }
    }
    if (!bad)
        mp_printf("atomics: %lu harts x %lu rounds: all counters as expected\n", H, R);
    return bad;
}
