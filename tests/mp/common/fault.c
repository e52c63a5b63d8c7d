/* The roles of the fault-model programs (fault.h). */
#include "fault.h"

struct fault_shared fs;

#define SURVIVOR_OFF (MP_NODE_FREE + 0x300000)

static void survivor(uint64_t hart)
{
    volatile uint64_t *mine = mp_node_mem(mp_node_of(hart), SURVIVOR_OFF + hart * 64);
    uint64_t n = 0;
    while (!fs.stop) {
        mp_amoadd(&fs.counter, 1);
        *mine = n;
        if (*mine != n) {
            mp_printf("fault: survivor hart %lu: its own word reads 0x%lx, wrote 0x%lx\n", hart,
                      *mine, n);
            mp_fail(90);
        }
        n++;
    }
    mp_amoadd(&fs.total, n);
    mp_amoadd(&fs.survivors_done, 1);
}

int mp_main(uint64_t hart)
{
    uint64_t F = mp_cfg.w[2], fail_at = mp_cfg.w[3];
    if (F == 0 || F >= mp_nodes) {
        if (hart == 0)
            mp_printf("fault: the failed node must be 1..%lu\n", mp_nodes - 1);
        return hart == 0 ? 97 : 0;
    }
    if (mp_node_of(hart) == F) {
        while (!fs.go)
            ;
        struct victim_op op = victim(hart);
        /* write the L1 back, make the one access, say so, wait: registers only */
        __asm__ volatile("fence.i\n"
                         "  li t0, 1\n"
                         "  bne %0, t0, 1f\n"
                         "  ld t1, 0(%1)\n"
                         "1: li t0, 2\n"
                         "  bne %0, t0, 2f\n"
                         "  sd %2, 0(%1)\n"
                         "2: li t0, 1\n"
                         "  amoadd.d.aqrl zero, t0, (%3)\n"
                         "3: j 3b\n"
                         :
                         : "r"((uint64_t)op.kind), "r"(op.addr), "r"(op.value),
                           "r"(&fs.victim_ready)
                         : "t0", "t1", "memory");
    }
    if (hart != 0) {
        survivor(hart);
        return 0;
    }
    setup();
    fs.go = 1;
    while (fs.victim_ready != mp_cores)
        ;
    int code = checker(F, fail_at);
    fs.stop = 1;
    uint64_t survivors = mp_harts - 2 * mp_cores + (mp_cores - 1);
    while (fs.survivors_done != survivors)
        ;
    if (!code && fs.counter != fs.total) {
        mp_printf("fault: the survivors' counter is %lu, they added %lu\n", fs.counter, fs.total);
        code = 91;
    }
    if (!code)
        mp_printf("fault: passed; %lu survivors added %lu during and after the failure\n",
                  survivors, fs.total);
    return code;
}
