/* fault_lost: a line whose only copy was in the failed node's cache is lost until cleared.
 *
 * Line X of node 0 holds OLD in memory (hart 0 wrote it back). Node F's first hart stores NEW
 * to it (its L1 holds the only valid copy) and then node F fails. Hart 0's load of X faults
 * (mcause 5, mtval X) within CTRL_TIMEOUT + FAULT_SLACK (1): the home waits
 * CTRL_TIMEOUT >> HOME_TIMEOUT_SHIFT for the recall, marks X lost and answers with ERR.
 * CTRL_LOST_COUNT grows by one within CTRL_TIMEOUT + 2048 cycles, and every load of X until
 * then faults too (2). Then loads and stores of X fault within FAULT_SLACK (3) while another
 * line of node 0 works (4). A CTRL_LOST_CLEAR of an address outside node 0's memory that
 * names X in the map's address bits (X + 2^ADDR_BITS) is a bus error and X stays lost (5). Hart 0
 * writes X's address to CTRL_LOST_CLEAR: X reads OLD, memory's older value (6), and takes a
 * store (7).
 */
#include "fault.h"

MP_CONFIG(1, 0, 1, 30000);

#define X_OFF (MP_NODE_FREE + 0x6000)
#define OLD 0x01d01d01dULL
#define NEW 0x0e30e30e3ULL

void setup(void)
{
    *mp_node_mem(0, X_OFF) = OLD;
    __asm__ volatile("fence.i" ::: "memory"); /* OLD to memory; hart 0 keeps no copy */
}

struct victim_op victim(uint64_t hart)
{
    return (struct victim_op){hart % mp_cores == 0 ? 2 : 0, mp_node_mem(0, X_OFF), NEW};
}

int checker(uint64_t F, uint64_t fail_at)
{
    (void)F;
    uint64_t T = fault_timeout(), v = 0, dt, c, t0;
    uint64_t x = (uintptr_t)mp_node_mem(0, X_OFF);
    volatile uint64_t *lost = mp_ctrl(0, HIVE_CTRL_LOST_COUNT);
    mp_wait_cycle(fail_at + 500);
    uint64_t lost0 = *lost;

    c = timed_ld(x, &v, &dt);
    if (c != 5 || mp_trapinfo[0].tval != x || dt > T + FAULT_SLACK) {
        mp_printf("fault_lost: first load of X: mcause %lu mtval 0x%lx value 0x%lx after %lu "
                  "cycles (want mcause 5 within %lu)\n", c, mp_trapinfo[0].tval, v, dt,
                  T + FAULT_SLACK);
        return 1;
    }
    mp_printf("fault_lost: first load of X faulted after %lu cycles\n", dt);
    t0 = mp_cycle();
    uint64_t tries = 0, limit = T + 2048;
    while (*lost == lost0 && mp_cycle() - t0 < limit) {
        c = mp_try_ld(x, &v);
        tries++;
        if (c != 5) {
            mp_printf("fault_lost: load %lu of X before it was marked lost: mcause %lu, value "
                      "0x%lx\n", tries, c, v);
            return 2;
        }
    }
    if (*lost != lost0 + 1) {
        mp_printf("fault_lost: CTRL_LOST_COUNT %lu (was %lu) after %lu cycles\n", *lost, lost0,
                  mp_cycle() - t0);
        return 2;
    }
    mp_printf("fault_lost: X marked lost %lu cycles after the first fault (%lu loads faulted "
              "meanwhile)\n", mp_cycle() - t0 + dt, tries);
    c = timed_ld(x, &v, &dt);
    warm_trap_path();
    t0 = mp_cycle();
    uint64_t c2 = mp_try_sd(x, 5);
    uint64_t dt2 = mp_cycle() - t0;
    if (c != 5 || dt > FAULT_SLACK || c2 != 7 || dt2 > FAULT_SLACK) {
        mp_printf("fault_lost: lost X: load mcause %lu after %lu cycles, store mcause %lu after "
                  "%lu (want 5 and 7 within %u)\n", c, dt, c2, dt2, FAULT_SLACK);
        return 3;
    }
    volatile uint64_t *other = mp_node_mem(0, X_OFF + 0x40);
    *other = 42;
    if (*other != 42)
        return 4;
    uint64_t alias = x + (1ULL << HIVE_ADDR_BITS);
    c = mp_try_sd((uintptr_t)mp_ctrl(0, HIVE_CTRL_LOST_CLEAR), alias);
    c2 = mp_try_ld(x, &v);
    if (c != 7 || c2 != 5) {
        mp_printf("fault_lost: CTRL_LOST_CLEAR of 0x%lx: store mcause %lu (want 7), then a load "
                  "of X mcause %lu (want 5: still lost)\n", alias, c, c2);
        return 5;
    }
    *mp_ctrl(0, HIVE_CTRL_LOST_CLEAR) = x;
    c = timed_ld(x, &v, &dt);
    if (c != 0 || v != OLD) {
        mp_printf("fault_lost: after CTRL_LOST_CLEAR: load mcause %lu value 0x%lx (want OLD "
                  "0x%lx)\n", c, v, OLD);
        return 6;
    }
    if (mp_try_sd(x, 77) != 0 || *(volatile uint64_t *)x != 77) {
        mp_printf("fault_lost: after CTRL_LOST_CLEAR a store to X does not take\n");
        return 7;
    }
    mp_printf("fault_lost: after CTRL_LOST_CLEAR X reads memory's older value and takes stores\n");
    return 0;
}
