/* fault_remote: accesses to a failed node's memory end in precise access faults in time.
 *
 * Before the failure hart 0 writes line A of node F's memory (it owns it, dirty). After it:
 * a load, a store and an amoadd.d to other lines of node F fault with mcause 5, 7, 7 and
 * mtval = the address, each after at least CTRL_TIMEOUT and at most CTRL_TIMEOUT + FAULT_SLACK
 * cycles (codes 1-3); with CTRL_TIMEOUT set to 1000 a load faults within the new bound (4).
 * Line A still hits in hart 0's L1 (5). Evicting it sends its writeback to the dead home:
 * CTRL_WB_LOST becomes 1 and CTRL_IRQ bit 0 is set within 2 x CTRL_TIMEOUT (6), the machine
 * external interrupt is taken once and writing 1 to CTRL_IRQ clears it (7). Node 0's memory and
 * a surviving node's memory keep working (8), and so do the survivors (fault.c).
 */
#include "fault.h"

MP_CONFIG(1, 0, 1, 30000);

#define A_OFF (MP_NODE_FREE)          /* 16 KiB aligned: L1 index 0 */
#define EVICT_OFF (MP_NODE_FREE + 0x40000) /* node 0, the same L1 index as A */

void setup(void)
{
}

struct victim_op victim(uint64_t hart)
{
    (void)hart;
    return (struct victim_op){0, 0, 0};
}

static volatile uint64_t irqs;
static void on_irq(uint64_t hart, uint64_t code)
{
    (void)hart;
    if (code == 11) { /* machine external: the controller's interrupt */
        irqs++;
        *mp_ctrl(0, HIVE_CTRL_IRQ) = HIVE_IRQ_WB_LOST;
        return;
    }
    mp_printf("fault_remote: unexpected interrupt %lu\n", code);
    mp_fail(7);
}

static int expect_fault(int code, const char *what, uint64_t addr, uint64_t cause, uint64_t got,
                        uint64_t dt, uint64_t timeout)
{
    if (got != cause || mp_trapinfo[0].tval != addr || dt < timeout ||
        dt > timeout + FAULT_SLACK) {
        mp_printf("fault_remote: %s 0x%lx: mcause %lu (want %lu), mtval 0x%lx, after %lu cycles "
                  "(want %lu..%lu)\n",
                  what, addr, got, cause, mp_trapinfo[0].tval, dt, timeout,
                  timeout + FAULT_SLACK);
        return code;
    }
    mp_printf("fault_remote: %s 0x%lx faulted (mcause %lu) after %lu cycles (CTRL_TIMEOUT %lu)\n",
              what, addr, got, dt, timeout);
    return 0;
}

int checker(uint64_t F, uint64_t fail_at)
{
    uint64_t T = fault_timeout(), v, dt, c, t0;
    int r;
    volatile uint64_t *a = mp_node_mem(F, A_OFF);
    *a = 0x1234;
    mp_wait_cycle(fail_at + 500);

    uint64_t b = (uintptr_t)mp_node_mem(F, A_OFF + 0x1000);
    if ((r = expect_fault(1, "load", b, 5, timed_ld(b, &v, &dt), dt, T)))
        return r;
    uint64_t sd = (uintptr_t)mp_node_mem(F, A_OFF + 0x2000);
    warm_trap_path();
    t0 = mp_cycle();
    c = mp_try_sd(sd, 1);
    dt = mp_cycle() - t0;
    if ((r = expect_fault(2, "store", sd, 7, c, dt, T)))
        return r;
    uint64_t amo = (uintptr_t)mp_node_mem(F, A_OFF + 0x3000);
    warm_trap_path();
    t0 = mp_cycle();
    c = mp_try_amoadd(amo, 1, &v);
    dt = mp_cycle() - t0;
    if ((r = expect_fault(3, "amoadd.d", amo, 7, c, dt, T)))
        return r;
    *mp_ctrl(0, HIVE_CTRL_TIMEOUT) = 1000;
    uint64_t e = (uintptr_t)mp_node_mem(F, A_OFF + 0x1040);
    r = expect_fault(4, "load (CTRL_TIMEOUT 1000)", e, 5, timed_ld(e, &v, &dt), dt, 1000);
    *mp_ctrl(0, HIVE_CTRL_TIMEOUT) = T;
    if (r)
        return r;

    if (*a != 0x1234) {
        mp_printf("fault_remote: line A (in hart 0's L1) reads 0x%lx\n", *a);
        return 5;
    }
    uint64_t lost0 = *mp_ctrl(0, HIVE_CTRL_WB_LOST);
    (void)*mp_node_mem(0, EVICT_OFF); /* A leaves the L1: its writeback goes to the dead home */
    t0 = mp_cycle();
    while (*mp_ctrl(0, HIVE_CTRL_WB_LOST) == lost0 && mp_cycle() - t0 < 2 * T)
        ;
    uint64_t wb = *mp_ctrl(0, HIVE_CTRL_WB_LOST), irq = *mp_ctrl(0, HIVE_CTRL_IRQ);
    if (wb != lost0 + 1 || !(irq & HIVE_IRQ_WB_LOST)) {
        mp_printf("fault_remote: after the writeback to the dead home: CTRL_WB_LOST %lu (was %lu), "
                  "CTRL_IRQ 0x%lx, %lu cycles\n", wb, lost0, irq, mp_cycle() - t0);
        return 6;
    }
    mp_printf("fault_remote: lost writeback counted after %lu cycles\n", mp_cycle() - t0);
    mp_irq_hook[0] = on_irq;
    __asm__ volatile("csrs mie, %0" : : "r"(1UL << 11));
    __asm__ volatile("csrs mstatus, %0" : : "r"(8UL));
    mp_delay(100);
    __asm__ volatile("csrc mstatus, %0" : : "r"(8UL));
    __asm__ volatile("csrc mie, %0" : : "r"(1UL << 11));
    irq = *mp_ctrl(0, HIVE_CTRL_IRQ);
    if (irqs != 1 || (irq & HIVE_IRQ_WB_LOST)) {
        mp_printf("fault_remote: %lu interrupts taken, CTRL_IRQ 0x%lx after clearing\n", irqs,
                  irq);
        return 7;
    }

    for (uint64_t n = 0; n < mp_nodes; n++) {
        if (n == F)
            continue;
        volatile uint64_t *p = mp_node_mem(n, MP_NODE_FREE + 0x50000);
        *p = 0xabc0 + n;
        __asm__ volatile("fence.i" ::: "memory"); /* to memory and back */
        if (*p != 0xabc0 + n) {
            mp_printf("fault_remote: node %lu's memory reads 0x%lx\n", n, *p);
            return 8;
        }
    }
    return 0;
}
