/* barrier: the sense-reversing barrier of every hart (mp_barrier), many rounds.
 *
 * In round r each hart pauses a random while, writes r into its own word (a line per hart)
 * and enters the barrier; after it, every word must read r (nobody left early: code 1). A
 * second barrier keeps anybody from writing r + 1 before all have read. A counter incremented
 * by every hart once per round must read harts x (r + 1) after the first barrier (code 2).
 *
 * mp_cfg: w[0] seed, w[1] rounds.
 */
#include "mp.h"

MP_CONFIG(1, 100);

static volatile uint64_t arrived[64][8] __attribute__((aligned(64)));
static volatile uint64_t total __attribute__((aligned(64)));

int mp_main(uint64_t hart)
{
    uint64_t H = mp_harts, R = mp_cfg.w[1];
    uint64_t rng = mp_seed_for(mp_cfg.w[0], hart, 3);
    for (uint64_t r = 1; r <= R; r++) {
        mp_delay(mp_rand(&rng) % 64);
        arrived[hart][0] = r;
        mp_amoadd(&total, 1);
        mp_barrier();
        for (uint64_t h = 0; h < H; h++)
            if (arrived[h][0] != r) {
                mp_printf("barrier: round %lu: hart %lu passed while hart %lu's word is %lu\n",
                          r, hart, h, arrived[h][0]);
                mp_fail(1);
            }
        if (total != H * r) {
            mp_printf("barrier: round %lu: hart %lu sees %lu arrivals, expected %lu\n", r, hart,
                      total, H * r);
            mp_fail(2);
        }
        mp_barrier();
    }
    if (hart == 0)
        mp_printf("barrier: %lu harts x %lu rounds\n", H, R);
    return 0;
}
