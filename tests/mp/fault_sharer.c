/* fault_sharer: a store to a live home's line that the failed node only shared completes.
 *
 * Line Y of node 0 is shared by hart 0 and node F's first hart when node F fails. Hart 0's
 * store to Y needs the dead sharer's invalidation ack, which never comes: the home counts it
 * as done after CTRL_TIMEOUT >> HOME_TIMEOUT_SHIFT and grants, before the requester gives up.
 * The store must complete, without a fault (1), within (CTRL_TIMEOUT >> HOME_TIMEOUT_SHIFT) +
 * 2048 cycles (2: the watchdog's scan of the directory and the trips), and Y must then
 * read the stored value (3): the memory of a live node keeps working.
 */
#include "fault.h"

MP_CONFIG(1, 0, 1, 30000);

#define Y_OFF (MP_NODE_FREE + 0x7000)

void setup(void)
{
    *mp_node_mem(0, Y_OFF) = 1;
    __asm__ volatile("fence.i" ::: "memory");
    (void)*mp_node_mem(0, Y_OFF); /* hart 0 holds Y (exclusive clean) */
}

struct victim_op victim(uint64_t hart)
{
    /* node F's first hart reads Y: now both share it */
    return (struct victim_op){hart % mp_cores == 0 ? 1 : 0, mp_node_mem(0, Y_OFF), 0};
}

int checker(uint64_t F, uint64_t fail_at)
{
    (void)F;
    uint64_t T = fault_timeout();
    uint64_t y = (uintptr_t)mp_node_mem(0, Y_OFF);
    mp_wait_cycle(fail_at + 500);
    uint64_t t0 = mp_cycle();
    uint64_t c = mp_try_sd(y, 2);
    uint64_t dt = mp_cycle() - t0, limit = (T >> HIVE_HOME_TIMEOUT_SHIFT) + 2048;
    if (c != 0) {
        mp_printf("fault_sharer: the store to Y (home node 0, alive) faulted: mcause %lu mtval "
                  "0x%lx after %lu cycles\n", c, mp_trapinfo[0].tval, dt);
        return 1;
    }
    if (dt > limit) {
        mp_printf("fault_sharer: the store took %lu cycles (bound %lu)\n", dt, limit);
        return 2;
    }
    if (*(volatile uint64_t *)y != 2)
        return 3;
    mp_printf("fault_sharer: the store completed after %lu cycles\n", dt);
    return 0;
}
