/* lrsc_evict: an SC must fail when another hart stored to its line after the LR, even if the
 * line left the L1 in between.
 *
 * Hart 0: lr.d X; a load of Z (same L1 slot as X: X is evicted and written back); it waits
 * until its writeback is done, lets hart 1 store 7 to X, waits for that, then sc.d 5 to X.
 * The store of another hart to the reservation set came between the LR and the SC, so the SC
 * must fail and X must read 7 (RISC-V A extension, LR/SC): code 1 when the SC succeeded.
 * Harts other than 0 and 1 sit out.
 */
#include "mp.h"

MP_CONFIG(1);

#define X_OFF (MP_NODE_FREE + 0x10000)     /* 16 KiB aligned */
#define Z_OFF (MP_NODE_FREE + 0x20000)     /* the same L1 slot */
static volatile uint64_t flag1 __attribute__((aligned(64)));
static volatile uint64_t flag2 __attribute__((aligned(64)));

int mp_main(uint64_t hart)
{
    volatile uint64_t *x = mp_node_mem(mp_nodes > 1 ? 1 : 0, X_OFF);
    volatile uint64_t *z = mp_node_mem(0, Z_OFF);
    if (mp_harts < 2)
        return 0;
    if (hart == 1) {
        while (!flag1)
            ;
        *x = 7;
        mp_fence();
        flag2 = 1;
        return 0;
    }
    if (hart != 0)
        return 0;
    *x = 1;
    uint64_t old, sc;
    __asm__ volatile("lr.d %0, (%1)" : "=r"(old) : "r"(x) : "memory");
    (void)*z;
    mp_wait_cycle(mp_cycle() + 3000);
    flag1 = 1;
    while (!flag2)
        ;
    __asm__ volatile("sc.d %0, %2, (%1)" : "=r"(sc) : "r"(x), "r"(5UL) : "memory");
    uint64_t now = *x;
    if (sc == 0 || now != 7) {
        mp_printf("lrsc_evict: sc.d %s after hart 1's store between LR and SC; X = %lu\n",
                  sc ? "failed" : "SUCCEEDED", now);
        return 1;
    }
    mp_printf("lrsc_evict: the SC failed, X = 7\n");
    return 0;
}
