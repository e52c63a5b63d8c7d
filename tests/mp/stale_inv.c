/* stale_inv: an invalidation that reaches a cache while that cache asks for the line again
 * must not hold up the home that has to answer the request.
 *
 * Every hart runs code in line A (its I cache shares A) and reads A (so does its D cache).
 * Hart 0 then drops A from its D cache without telling the home: it reads B, which takes A's
 * L1 slot, and a clean line leaves silently. The last hart stores to A, so the home sends an
 * INV to every other copy, hart 0's stale one first; hart 0 loads A at a cycle that moves by
 * one per round around the store, so that in some rounds its GETS is on the way to the home
 * when the INV reaches it. An L1 waiting for a grant (ISD) defers that INV, since it may be
 * about the copy being granted; here no grant is coming, only the NACK of the GETS (the home
 * is busy with the store). The home must still be able to send it: when the deferred INV sat
 * in the forward network, it blocked the home's later INVs behind it, a home with a full
 * forward queue takes no request, and the load ended in a bus error after the requester's
 * watchdog (the panic of the 4x2 kernel boot; docs/coherence.md).
 *
 * Checks: hart 0's load completes (code 1: a bus error) with the value before or after the
 * store (code 2); after the round every hart reads the stored value (code 3).
 * mp_cfg: w[1] rounds (the load moves from rounds/2 cycles before the store to rounds/2 after).
 */
#include "mp.h"

MP_CONFIG(1, 64);

#define L1_SPAN 0x4000 /* 256 lines of 64 bytes, direct mapped: B = A + a multiple of this */
#define RET 0x00008067u /* jalr x0, 0(ra) */

/* line A: code in its first word, the stored doubleword in its second half */
static uint32_t a_line[16] __attribute__((aligned(64))) = {RET};
static volatile uint64_t go_at __attribute__((aligned(64)));

int mp_main(uint64_t hart)
{
    volatile uint64_t *a = (volatile uint64_t *)&a_line[8];
    void (*a_code)(void) = (void (*)(void))(uintptr_t)a_line;
    volatile uint64_t *b = mp_node_mem(0, MP_NODE_FREE + ((uintptr_t)a_line & (L1_SPAN - 1)));
    uint64_t rounds = mp_cfg.w[1], last = mp_harts - 1;
    if (mp_harts < 2)
        return 0;
    for (uint64_t r = 0; r < rounds; r++) {
        a_code();
        (void)*a;
        mp_barrier();
        if (hart == 0) {
            (void)*b;
            go_at = mp_cycle() + 4000;
        }
        mp_barrier();
        uint64_t t = go_at;
        if (hart == last) {
            mp_wait_cycle(t + rounds / 2);
            *a = r + 1;
        } else if (hart == 0) {
            uint64_t v = 0, cause;
            mp_wait_cycle(t + r);
            cause = mp_try_ld((uintptr_t)a, &v);
            if (cause) {
                mp_printf("stale_inv: round %lu: the load of A faulted (mcause %lu)\n", r, cause);
                mp_fail(1);
            }
            if (v != r && v != r + 1) {
                mp_printf("stale_inv: round %lu: A = %lu, expected %lu or %lu\n", r, v, r, r + 1);
                mp_fail(2);
            }
        }
        mp_barrier();
        if (*a != r + 1) {
            mp_printf("stale_inv: round %lu: hart %lu reads A = %lu after the store of %lu\n", r,
                      hart, *a, r + 1);
            mp_fail(3);
        }
        mp_barrier();
    }
    if (hart == 0)
        mp_printf("stale_inv: %lu rounds, no stale INV held the home up\n", rounds);
    return 0;
}
