/* sips_bench: SIPS figures for bench/flash.py (not a test: it prints "bench ..." lines).
 *
 * Latency (w[2] = 0): hart 0 receives; for each node d the sender is core 0 of node d (for
 * d = 0: core 1 when the node has one, else hart 0 sends to itself). Per sample the receiver
 * waits in a loop that touches no memory with mtvec on a label that reads mcycle as its first
 * instruction (no register saving: "interrupt taken" is that cycle); the sender reads mcycle
 * just before its SIPS_SEND store (its payload already written). Then the receiver reads INFO
 * and the 8 payload words and pops: "message read" is mcycle after the last word. w[1]
 * samples per sender, the first one cold. Output:
 *   bench sips-lat src=NODE sample=K irq=CYCLES read=CYCLES
 * All harts' mcycle count from the same reset, so they agree.
 *
 * Then the IPI for comparison (ipi() below).
 *
 * Throughput (w[2] = 1): for S = 1..harts-1 senders (harts 1..S), each sends w[3] messages to
 * node 0's request queue back to back while hart 0 polls and pops (interrupts off). Output:
 *   bench sips-tput senders=S msgs=M cycles=C nacks=N
 * where C runs from the go signal to the last message read.
 */
#include "sips.h"

MP_CONFIG(1, 6, 0, 64);

static volatile uint64_t turn __attribute__((aligned(64)));   /* sample the receiver waits for */
static volatile uint64_t t_send __attribute__((aligned(64)));
static volatile uint64_t go __attribute__((aligned(64)));
static volatile uint64_t done_count __attribute__((aligned(64)));

/* Waits for the S-mode external interrupt with mtvec on the stamp; first, when reg != 0,
 * stamps *t0 and stores val to reg (a send to itself). Returns the cycle the trap was taken. */
static uint64_t wait_irq(uint64_t mie_bit, volatile uint64_t *reg, uint64_t val, uint64_t *t0)
{
    uint64_t t_irq, t = 0, old;
    __asm__ volatile("csrr %[old], mtvec\n"
                     "  la t0, 2f\n"
                     "  csrw mtvec, t0\n"
                     "  csrs mie, %[bit]\n"
                     "  beqz %[reg], 1f\n"
                     "  csrr %[t], mcycle\n"
                     "  sd %[val], 0(%[reg])\n"
                     "1: csrsi mstatus, 8\n"
                     "3: j 3b\n"
                     "  .balign 4\n"
                     "2: csrr %[tirq], mcycle\n"
                     "  csrc mie, %[bit]\n"
                     "  csrw mtvec, %[old]\n"
                     : [tirq] "=&r"(t_irq), [t] "+&r"(t), [old] "=&r"(old)
                     : [reg] "r"(reg), [val] "r"(val), [bit] "r"(mie_bit)
                     : "t0", "memory");
    *t0 = t;
    return t_irq;
}
static uint64_t wait_sei(volatile uint64_t *reg, uint64_t val, uint64_t *t0)
{
    return wait_irq(1UL << 9, reg, val, t0);
}

/* The machine software interrupt word (CLINT msip) of hart 0. */
static volatile uint32_t *msip0(void)
{
    return (volatile uint32_t *)(uintptr_t)(HIVE_NODEDEV_BASE + HIVE_NODEDEV_CLINT + HIVE_CLINT_MSIP);
}

/* For comparison with the paper's "IPI + 300 ns": core 0 of node d (d >= 1) writes hart 0's
 * msip (an uncached store to node 0's CLINT through the network); hart 0 waits as for SIPS.
 *   bench ipi src=NODE sample=K irq=CYCLES */
static void ipi(uint64_t hart)
{
    uint64_t N = mp_nodes, C = mp_cores, R = mp_cfg.w[1];
    for (uint64_t d = 1; d < N; d++) {
        uint64_t sender = d * C;
        for (uint64_t k = 0; k < R; k++) {
            uint64_t id = 0x100000 + (d * R + k) * 2 + 1;
            if (hart == 0) {
                uint64_t t0;
                turn = id;
                uint64_t tirq = wait_irq(1UL << 3, 0, 0, &t0);
                *msip0() = 0;
                while (turn != id + 1)
                    ;
                mp_printf("bench ipi src=%lu sample=%lu irq=%lu\n", d, k, tirq - t_send);
            } else if (hart == sender) {
                while (turn != id)
                    ;
                mp_wait_cycle(mp_cycle() + 300);
                uint64_t t0;
                __asm__ volatile("csrr %0, mcycle\n"
                                 "  sw %2, 0(%1)\n"
                                 : "=&r"(t0)
                                 : "r"(msip0()), "r"(1)
                                 : "memory");
                t_send = t0;
                mp_fence();
                turn = id + 1;
            }
        }
    }
}

static void latency(uint64_t hart)
{
    uint64_t N = mp_nodes, C = mp_cores, R = mp_cfg.w[1], w[8];
    for (uint64_t d = 0; d < N; d++) {
        uint64_t sender = d == 0 ? (C > 1 ? 1 : 0) : d * C;
        for (uint64_t k = 0; k < R; k++) {
            uint64_t id = (d * R + k) * 2 + 1;
            if (hart == 0) {
                uint64_t t0, tirq, tread;
                if (sender == 0) {
                    sips_make(w, 0, k);
                    for (int i = 0; i < 8; i++)
                        *sips_reg(0, HIVE_CTRL_SIPS_DATA0 + 8 * i) = w[i];
                    tirq = wait_sei(sips_reg(0, HIVE_CTRL_SIPS_SEND), 0, &t0);
                } else {
                    turn = id;
                    tirq = wait_sei(0, 0, &t0);
                }
                uint64_t info = *sips_reg(0, HIVE_CTRL_SIPS_REQ_INFO);
                for (int i = 0; i < 8; i++)
                    w[i] = *sips_reg(0, HIVE_CTRL_SIPS_REQ_DATA0 + 8 * i);
                tread = mp_cycle();
                *sips_reg(0, HIVE_CTRL_SIPS_REQ_POP) = 1;
                if (sender != 0) {
                    while (turn != id + 1)
                        ;
                    t0 = t_send;
                }
                const char *bad = sips_check(w, info);
                if (bad || sips_info_hart(info) != sender) {
                    mp_printf("bench check failed: %s\n", bad ? bad : "wrong sender");
                    mp_fail(2);
                }
                mp_printf("bench sips-lat src=%lu sample=%lu irq=%lu read=%lu\n", d, k,
                          tirq - t0, tread - t0);
            } else if (hart == sender) {
                uint64_t n = mp_node_of(hart);
                while (turn != id)
                    ;
                mp_wait_cycle(mp_cycle() + 300); /* the receiver is in its loop by then */
                sips_make(w, hart, k);
                for (int i = 0; i < 8; i++)
                    *sips_reg(n, HIVE_CTRL_SIPS_DATA0 + 8 * i) = w[i];
                uint64_t t0;
                __asm__ volatile("csrr %0, mcycle\n"
                                 "  sd zero, 0(%1)\n"
                                 : "=&r"(t0)
                                 : "r"(sips_reg(n, HIVE_CTRL_SIPS_SEND))
                                 : "memory");
                uint64_t st = sips_wait(n);
                if (st & HIVE_SIPS_STATUS_ERR) {
                    mp_printf("bench check failed: send status 0x%lx\n", st);
                    mp_fail(1);
                }
                t_send = t0;
                turn = id + 1;
            }
        }
    }
}

static void throughput(uint64_t hart)
{
    uint64_t H = mp_harts, M = mp_cfg.w[3], w[8];
    for (uint64_t S = 1; S < H; S++) {
        if (hart == 0) {
            uint64_t nack0 = *sips_reg(0, HIVE_CTRL_SIPS_NACKED), got = 0, seq[64] = {0};
            done_count = 0;
            mp_fence();
            uint64_t t0 = mp_cycle();
            go = S;
            while (got < S * M) {
                uint64_t info = sips_recv(0, 0, w);
                if (!(info >> 63))
                    continue;
                uint64_t s = sips_info_hart(info);
                if (s >= 64 || (w[0] & SIPS_SEQ_MASK) != seq[s]) {
                    mp_printf("bench check failed: sender %lu sequence\n", s);
                    mp_fail(3);
                }
                seq[s]++;
                got++;
            }
            uint64_t t1 = mp_cycle();
            while (done_count != S)
                ;
            mp_printf("bench sips-tput senders=%lu msgs=%lu cycles=%lu nacks=%lu\n", S, got,
                      t1 - t0, *sips_reg(0, HIVE_CTRL_SIPS_NACKED) - nack0);
            go = 0;
            mp_fence();
            mp_wait_cycle(mp_cycle() + 200);
        } else if (hart <= S) {
            uint64_t n = mp_node_of(hart);
            while (go != S)
                ;
            for (uint64_t i = 0; i < M; i++) {
                sips_make(w, hart, i);
                if (sips_send(n, 0, 0, w) & HIVE_SIPS_STATUS_ERR) {
                    mp_printf("bench check failed: send error\n");
                    mp_fail(1);
                }
            }
            mp_amoadd(&done_count, 1);
            while (go == S)
                ;
        } else {
            while (go != S)
                ;
            while (go == S)
                ;
        }
    }
}

int mp_main(uint64_t hart)
{
    if (hart == 0)
        *sips_reg(0, HIVE_CTRL_SIPS_ROUTE) = 0;
    mp_barrier();
    if (mp_cfg.w[2] == 0) {
        latency(hart);
        mp_barrier();
        ipi(hart);
    }
    else
        throughput(hart);
    mp_barrier();
    if (hart == 0)
        mp_printf("bench done\n");
    return 0;
}
