/* check_flip: a line changed behind the caches' back (a bit flipped in DRAM) is caught by the
 * harness's coherence checker (hive-sim --check-coherence, tests/mp/check.py).
 *
 * Hart 0 reads word W, w[2] bytes into node 0's memory (nothing else touches it; the test
 * picks the offset and flips the bit there), evicts W's line from its
 * L1 by reading the line one L1 size above (the same slot of the direct-mapped L1), waits until
 * cycle w[1] + 2000 (the test flips a bit of W in DRAM at cycle w[1]) and reads W again: a
 * miss, filled from DRAM. The program itself returns 0 if W still reads its first value and 1
 * if it changed; under the checker the refill of the changed line must end the run first
 * (status 100, "golden memory model"). The other harts return at once.
 */
#include "mp.h"

MP_CONFIG(1, 40000, MP_NODE_FREE + 0x400000);

#define L1_BYTES (256 * 64)

int mp_main(uint64_t hart)
{
    if (hart != 0)
        return 0;
    volatile uint64_t *w = mp_node_mem(0, mp_cfg.w[2]);
    volatile uint64_t *evict = mp_node_mem(0, mp_cfg.w[2] + L1_BYTES);
    uint64_t first = *w;
    (void)*evict;
    mp_wait_cycle(mp_cfg.w[1] + 2000);
    uint64_t again = *w;
    if (again != first) {
        mp_printf("check_flip: W read 0x%lx, then 0x%lx after the eviction\n", first, again);
        return 1;
    }
    mp_printf("check_flip: W unchanged (0x%lx)\n", first);
    return 0;
}
