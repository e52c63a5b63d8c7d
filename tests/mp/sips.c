/* sips: short interprocessor messages (docs/sips.md) between every hart and every node.
 *
 * Set-up: core 0 of each node routes the node's request queue to its last core and the reply
 * queue to core 0 (one core: both to core 0), and checks that a route naming a core that does
 * not exist is a bus error (code 20).
 * Phase 1, all to all under interrupts: every hart sends w[1] messages to each queue of every
 * node (its own included), each a test message (sips.h: checksum, claimed sender, a sequence
 * number per stream sender -> node/queue). The routed hart of a queue takes its S-mode
 * external interrupt (mcause 9 in M-mode here) and drains the queue in the handler: send
 * status error (1), a corrupt message or a stamped source that is not the sender's hartid
 * (2), a sequence number out of order: lost, duplicated or reordered (3), an interrupt on a
 * hart to which no non-empty queue is routed (4), not everything received in time (5); each
 * node's SIPS_SENT/SIPS_RECEIVED agree with what was sent and received (6).
 * Phase 2, flood: every hart but hart 0 sends w[2] messages to node 0's request queue as fast
 * as it can, while hart 0 lets the queue fill and waits before it polls and pops them all
 * (interrupts off): each sender's sequence arrives complete and in order (10), the full queue
 * NACKed (11), the NACKs the senders' SIPS_STATUS reported add up to node 0's SIPS_NACKED
 * (12), all within the bound (13).
 * Phase 3, bad input (hart 0, and the last hart for its node): SEND to a node >= NODES, with
 * a reserved bit; POP of an empty queue; a load of SEND; a store to a counter; an offset in
 * the SIPS range that names nothing; any access to another node's SIPS registers (no hart can
 * use or forge another node's context) -> each a bus error (21-27). Then the hart fills its
 * own node's reply queue and sends once more: that send stays busy, NACKed; SEND and a DATA
 * write meanwhile are bus errors (28, 29); as the hart pops, the retried send gets in, and all
 * DEPTH + 1 messages come out in order with the right stamp (30).
 *
 * mp_cfg: w[1] messages per stream in phase 1, w[2] flood messages per sender.
 */
#include "sips.h"

MP_CONFIG(1, 3, 12);

#define MAXN 16
#define MAXH 64
#define BOUND 3000000ULL

static volatile uint64_t next_seq[MAXN][2][MAXH];  /* receiver side, per queue and sender */
static volatile uint64_t p1_sent __attribute__((aligned(64)));
static volatile uint64_t p1_recv __attribute__((aligned(64)));
static volatile uint64_t node_sent[MAXN], node_recv[MAXN];
static volatile uint64_t flood_nacks __attribute__((aligned(64)));
static volatile uint64_t flood_go __attribute__((aligned(64)));
static volatile uint64_t flood_done __attribute__((aligned(64)));
static volatile uint64_t route_of[MAXN][2];

static void fail_msg(int code, const char *what, uint64_t hart, const uint64_t *w, uint64_t info)
{
    mp_printf("sips: hart %lu: %s: info 0x%lx w0 0x%lx w1 %lu\n", hart, what, info, w[0], w[1]);
    mp_fail(code);
}

/* The receiver's side of phase 1: drain every queue routed to this hart. */
static void on_sei(uint64_t hart, uint64_t code)
{
    uint64_t n = mp_node_of(hart), c = hart % mp_cores, w[8], info;
    if (code != 9) {
        mp_printf("sips: hart %lu: unexpected interrupt %lu\n", hart, code);
        mp_fail(4);
    }
    int got = 0;
    for (int q = 0; q < 2; q++) {
        if (route_of[n][q] != c)
            continue;
        while ((info = sips_recv(n, q, w)) >> 63) {
            const char *bad = sips_check(w, info);
            if (bad)
                fail_msg(2, bad, hart, w, info);
            uint64_t s = sips_info_hart(info);
            if ((w[0] & SIPS_SEQ_MASK) != next_seq[n][q][s])
                fail_msg(3, "sequence out of order", hart, w, next_seq[n][q][s]);
            next_seq[n][q][s]++;
            mp_amoadd(&p1_recv, 1);
            got++;
        }
    }
    if (!got) {
        mp_printf("sips: hart %lu (core %lu): interrupt with no message in a queue routed to it\n",
                  hart, c);
        mp_fail(4);
    }
}

static void expect_fault(int code, const char *what, uint64_t got, uint64_t want)
{
    if (got != want) {
        mp_printf("sips: %s: mcause %lu, want %lu\n", what, got, want);
        mp_fail(code);
    }
}

static void bad_inputs(uint64_t hart)
{
    uint64_t n = mp_node_of(hart), v, w[8];
    uint64_t base = (uintptr_t)sips_reg(n, 0);
    uint64_t other = (uintptr_t)sips_reg((n + 1) % mp_nodes, 0);
    expect_fault(21, "SEND to node NODES", mp_try_sd(base + HIVE_CTRL_SIPS_SEND, mp_nodes), 7);
    expect_fault(22, "SEND with a reserved bit", mp_try_sd(base + HIVE_CTRL_SIPS_SEND, 1UL << 9), 7);
    expect_fault(23, "POP of an empty reply queue", mp_try_sd(base + HIVE_CTRL_SIPS_REP_POP, 1),
                 7);
    expect_fault(24, "load of SEND", mp_try_ld(base + HIVE_CTRL_SIPS_SEND, &v), 5);
    expect_fault(25, "store to SIPS_SENT", mp_try_sd(base + HIVE_CTRL_SIPS_SENT, 0), 7);
    expect_fault(26, "offset 0x1d8 (nothing)", mp_try_ld(base + 0x1d8, &v), 5);
    if (mp_nodes > 1) {
        expect_fault(27, "another node's SIPS_DATA0", mp_try_sd(other + HIVE_CTRL_SIPS_DATA0, 1), 7);
        expect_fault(27, "another node's SIPS_SEND", mp_try_sd(other + HIVE_CTRL_SIPS_SEND, 0), 7);
        expect_fault(27, "another node's SIPS_REQ_INFO", mp_try_ld(other + HIVE_CTRL_SIPS_REQ_INFO, &v), 5);
        expect_fault(27, "another node's SIPS_ROUTE", mp_try_sd(other + HIVE_CTRL_SIPS_ROUTE, 0), 7);
    }
    /* a send that stays busy: into the own node's reply queue, filled first */
    uint64_t depth = *sips_reg(n, HIVE_CTRL_SIPS_DEPTH), st;
    for (uint64_t i = 0; i < depth; i++) {
        sips_make(w, hart, i);
        if ((st = sips_send(n, n, 1, w)) & HIVE_SIPS_STATUS_ERR)
            fail_msg(30, "filling the own reply queue", hart, w, st);
    }
    sips_make(w, hart, depth);
    sips_start(n, n, 1, w);
    expect_fault(28, "SEND while busy", mp_try_sd(base + HIVE_CTRL_SIPS_SEND, n), 7);
    expect_fault(29, "DATA3 write while busy", mp_try_sd(base + HIVE_CTRL_SIPS_DATA3, 0), 7);
    st = *sips_reg(n, HIVE_CTRL_SIPS_STATUS);
    if (!(st & HIVE_SIPS_STATUS_BUSY) || !(st >> 32))
        fail_msg(30, "a send into a full queue is not busy with NACKs", hart, w, st);
    /* drain: the NACKed send gets in once there is room; everything in order, once */
    for (uint64_t i = 0; i <= depth; i++) {
        uint64_t t0 = mp_cycle(), info;
        while (!((info = sips_recv(n, 1, w)) >> 63))
            if (mp_cycle() - t0 > BOUND)
                fail_msg(30, "the retried send never arrived", hart, w, info);
        const char *bad = sips_check(w, info);
        if (bad || sips_info_hart(info) != hart || (w[0] & SIPS_SEQ_MASK) != i)
            fail_msg(30, bad ? bad : "wrong sender or order", hart, w, info);
    }
    st = sips_wait(n);
    if ((st & HIVE_SIPS_STATUS_ERR) || !(st >> 32) ||
        *sips_reg(n, HIVE_CTRL_SIPS_REP_COUNT) != 0)
        fail_msg(30, "after the drain", hart, w, st);
}

int mp_main(uint64_t hart)
{
    uint64_t N = mp_nodes, C = mp_cores, H = mp_harts, M = mp_cfg.w[1], F = mp_cfg.w[2];
    uint64_t n = mp_node_of(hart), c = hart % C, w[8], st, t0;
    if (N > MAXN || H > MAXH)
        return 97;

    /* set-up */
    if (c == 0) {
        uint64_t rq = C - 1, rp = 0;
        route_of[n][0] = rq;
        route_of[n][1] = rp;
        expect_fault(20, "SIPS_ROUTE core CORES",
                     mp_try_sd((uintptr_t)sips_reg(n, HIVE_CTRL_SIPS_ROUTE), C), 7);
        *sips_reg(n, HIVE_CTRL_SIPS_ROUTE) = rq | rp << 8;
        if (*sips_reg(n, HIVE_CTRL_SIPS_ROUTE) != (rq | rp << 8)) {
            mp_printf("sips: node %lu: SIPS_ROUTE reads 0x%lx\n", n,
                      *sips_reg(n, HIVE_CTRL_SIPS_ROUTE));
            mp_fail(20);
        }
    }
    mp_barrier();

    /* phase 1: all to all */
    mp_irq_hook[hart] = on_sei;
    mp_enable_sei();
    for (uint64_t i = 0; i < M; i++)
        for (uint64_t k = 0; k < N; k++)
            for (int q = 0; q < 2; q++) {
                uint64_t d = (n + k) % N;
                sips_make(w, hart, i);
                st = sips_send(n, d, q, w);
                if (st & HIVE_SIPS_STATUS_ERR) {
                    mp_printf("sips: hart %lu: send %lu to node %lu queue %d: status 0x%lx\n",
                              hart, i, d, q, st);
                    mp_fail(1);
                }
                mp_amoadd(&p1_sent, 1);
            }
    t0 = mp_cycle();
    while (p1_recv != H * N * 2 * M)
        if (mp_cycle() - t0 > BOUND) {
            mp_printf("sips: hart %lu: phase 1: %lu of %lu received\n", hart, p1_recv,
                      H * N * 2 * M);
            mp_fail(5);
        }
    mp_disable_sei();
    if (c == 0) {
        node_sent[n] = *sips_reg(n, HIVE_CTRL_SIPS_SENT);
        node_recv[n] = *sips_reg(n, HIVE_CTRL_SIPS_RECEIVED);
    }
    mp_barrier();
    if (hart == 0) {
        for (uint64_t k = 0; k < N; k++)
            if (node_sent[k] != C * N * 2 * M || node_recv[k] != H * 2 * M) {
                mp_printf("sips: node %lu: SIPS_SENT %lu (want %lu), SIPS_RECEIVED %lu (want %lu)\n",
                          k, node_sent[k], C * N * 2 * M, node_recv[k], H * 2 * M);
                mp_fail(6);
            }
        mp_printf("sips: phase 1: %lu messages all to all, routed interrupts, in order\n",
                  H * N * 2 * M);
    }
    mp_barrier();

    /* phase 2: flood node 0's request queue */
    if (hart != 0) {
        while (!flood_go)
            ;
        uint64_t nacks = 0;
        for (uint64_t i = 0; i < F; i++) {
            sips_make(w, hart, i);
            st = sips_send(n, 0, 0, w);
            if (st & HIVE_SIPS_STATUS_ERR) {
                mp_printf("sips: hart %lu: flood send %lu: status 0x%lx\n", hart, i, st);
                mp_fail(1);
            }
            nacks += st >> 32;
        }
        mp_amoadd(&flood_nacks, nacks);
        mp_amoadd(&flood_done, 1);
    } else {
        uint64_t depth = *sips_reg(0, HIVE_CTRL_SIPS_DEPTH);
        uint64_t nack0 = *sips_reg(0, HIVE_CTRL_SIPS_NACKED), seq[MAXH] = {0}, got = 0;
        flood_go = 1;
        t0 = mp_cycle();
        while (*sips_reg(0, HIVE_CTRL_SIPS_REQ_COUNT) < depth && (H - 1) * F >= depth)
            if (mp_cycle() - t0 > BOUND) {
                mp_printf("sips: flood: the queue never filled (%lu of %lu)\n",
                          *sips_reg(0, HIVE_CTRL_SIPS_REQ_COUNT), depth);
                mp_fail(13);
            }
        mp_wait_cycle(mp_cycle() + 3000); /* the senders are NACKed meanwhile */
        while (got < (H - 1) * F) {
            uint64_t info = sips_recv(0, 0, w);
            if (!(info >> 63)) {
                if (mp_cycle() - t0 > BOUND) {
                    mp_printf("sips: flood: %lu of %lu received\n", got, (H - 1) * F);
                    mp_fail(13);
                }
                continue;
            }
            const char *bad = sips_check(w, info);
            if (bad)
                fail_msg(2, bad, 0, w, info);
            uint64_t s = sips_info_hart(info);
            if ((w[0] & SIPS_SEQ_MASK) != seq[s])
                fail_msg(10, "flood: sequence out of order (lost or duplicated)", 0, w, seq[s]);
            seq[s]++;
            got++;
        }
        while (flood_done != H - 1)
            ;
        if (sips_recv(0, 0, w) >> 63) {
            mp_printf("sips: flood: a message beyond the %lu sent\n", got);
            mp_fail(10);
        }
        uint64_t nacked = *sips_reg(0, HIVE_CTRL_SIPS_NACKED) - nack0;
        if ((H - 1) * F > depth && nacked == 0) {
            mp_printf("sips: flood: %lu messages into a queue of %lu and no NACK\n", got, depth);
            mp_fail(11);
        }
        if (nacked != flood_nacks) {
            mp_printf("sips: flood: node 0 NACKed %lu, the senders saw %lu NACKs\n", nacked,
                      flood_nacks);
            mp_fail(12);
        }
        mp_printf("sips: phase 2: %lu messages from %lu senders into a queue of %lu, %lu NACKs "
                  "retried, none lost or duplicated\n", got, H - 1, depth, nacked);
    }
    mp_barrier();

    /* phase 3: bad input */
    if (hart == 0 || hart == H - 1)
        bad_inputs(hart);
    mp_barrier();
    if (hart == 0)
        mp_printf("sips: phase 3: bad inputs refused with bus errors\n");
    return 0;
}
