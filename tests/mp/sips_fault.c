/* sips_fault: a SIPS to a failed node ends in the error status (tests/run.py fails node
 * F = w[2] with --fail-node F@w[3]).
 *
 * Before the failure hart 0 sends to node F: delivered (1). The harts of node F write their
 * L1 back, say so and spin on registers until the failure. After it, hart 0's send to F ends
 * with SIPS_STATUS error after at least CTRL_TIMEOUT and at most CTRL_TIMEOUT + FAULT_SLACK
 * cycles (2), SIPS_FAILED counts it (3); with CTRL_TIMEOUT 1000 the bound follows (4); the
 * failed send is not counted as sent, and sends to every live node, node 0 included, still
 * work with the right stamp (5).
 */
#include "sips.h"

MP_CONFIG(1, 0, 1, 30000);

#define SLACK 300

static volatile uint64_t f_ready __attribute__((aligned(64)));

static int timed_fail(uint64_t F, uint64_t timeout, int code)
{
    uint64_t w[8], fail0 = *sips_reg(0, HIVE_CTRL_SIPS_FAILED), sent0 = *sips_reg(0, HIVE_CTRL_SIPS_SENT);
    sips_make(w, 0, 1);
    uint64_t t0 = mp_cycle();
    uint64_t st = sips_send(0, F, 0, w);
    uint64_t dt = mp_cycle() - t0;
    if (!(st & HIVE_SIPS_STATUS_ERR) || dt < timeout || dt > timeout + SLACK) {
        mp_printf("sips_fault: send to failed node %lu: status 0x%lx after %lu cycles (want the "
                  "error after %lu..%lu)\n", F, st, dt, timeout, timeout + SLACK);
        return code;
    }
    uint64_t fails = *sips_reg(0, HIVE_CTRL_SIPS_FAILED) - fail0;
    uint64_t sent = *sips_reg(0, HIVE_CTRL_SIPS_SENT) - sent0;
    if (fails != 1 || sent != 0) {
        mp_printf("sips_fault: SIPS_FAILED rose by %lu, SIPS_SENT by %lu (want 1, 0)\n", fails, sent);
        return 3;
    }
    mp_printf("sips_fault: send to failed node %lu: error status after %lu cycles (CTRL_TIMEOUT %lu)\n",
              F, dt, timeout);
    return 0;
}

int mp_main(uint64_t hart)
{
    uint64_t F = mp_cfg.w[2], fail_at = mp_cfg.w[3], w[8];
    if (F == 0 || F >= mp_nodes)
        return hart == 0 ? 97 : 0;
    if (mp_node_of(hart) == F) {
        __asm__ volatile("fence.i\n"
                         "  li t0, 1\n"
                         "  amoadd.d.aqrl zero, t0, (%0)\n"
                         "1: j 1b\n"
                         :
                         : "r"(&f_ready)
                         : "t0", "memory");
    }
    if (hart != 0)
        return 0;
    while (f_ready != mp_cores)
        ;
    int r;
    uint64_t T = *sips_reg(0, HIVE_CTRL_TIMEOUT), st;
    sips_make(w, 0, 0);
    st = sips_send(0, F, 0, w);
    if (st & HIVE_SIPS_STATUS_ERR || mp_cycle() >= fail_at) {
        mp_printf("sips_fault: send to node %lu before the failure: status 0x%lx at cycle %lu\n", F,
                  st, mp_cycle());
        return 1;
    }
    mp_wait_cycle(fail_at + 500);
    if ((r = timed_fail(F, T, 2)))
        return r;
    *sips_reg(0, HIVE_CTRL_TIMEOUT) = 1000;
    r = timed_fail(F, 1000, 4);
    *sips_reg(0, HIVE_CTRL_TIMEOUT) = T;
    if (r)
        return r;
    for (uint64_t d = 0; d < mp_nodes; d++) {
        if (d == F)
            continue;
        sips_make(w, 0, 10 + d);
        st = sips_send(0, d, 1, w);
        if (st & HIVE_SIPS_STATUS_ERR) {
            mp_printf("sips_fault: send to live node %lu after the failure: status 0x%lx\n", d, st);
            return 5;
        }
    }
    uint64_t info = sips_recv(0, 1, w);
    const char *bad = (info >> 63) ? sips_check(w, info) : "no message";
    if (bad || (w[0] & SIPS_SEQ_MASK) != 10) {
        mp_printf("sips_fault: node 0's own message: %s (info 0x%lx)\n", bad ? bad : "wrong one", info);
        return 5;
    }
    mp_printf("sips_fault: passed; live nodes still reachable\n");
    return 0;
}
