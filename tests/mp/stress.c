/* stress: random loads, stores, AMOs and LR/SC of every hart on a few shared lines.
 *
 * Each shared line holds 6 slots and 2 counters. Slot s (line s/6, word s%6) belongs to hart
 * s mod harts: only its owner writes it (sd, amoswap.d, lr.d/sc.d), always with the value
 * (s << 56 | owner << 48 | q), q the owner's count of writes to s (so q only grows), and the
 * owner keeps a shadow of it: every read by the owner (ld, the old value of amoswap, lr.d)
 * must equal the shadow. Other harts read any slot and check that the value is 0 or one the
 * owner could have written, and that for each slot the q they see never goes back (RVWMO keeps
 * same-address loads of a hart in order). Word 6 of each line is added to by amoadd.d, word 7
 * by lr.d/add/sc.d loops; every hart counts what it added, and at the end hart 0 compares the
 * sums. Besides, harts touch a private line that takes the same L1 slot as a shared line
 * (an L1 eviction), fence and pause. The end: a barrier, every hart checks its slots, hart 0
 * checks every slot against its owner's shadow and the counters against the tallies.
 *
 * Layouts (mp_cfg w[3]): 0 spread: line l is homed at node l mod nodes, lines of one home
 * consecutive; 1 conflict: every line at one home, 16 KiB apart, so that all of them take the
 * same L1 slot and the same directory set (4 ways: more than 4 lines evict entries).
 *
 * The seed (w[0]) decides every choice; the run is deterministic, so a seed replays exactly.
 * mp_cfg: w[0] seed, w[1] operations per hart, w[2] lines (1..16), w[3] layout,
 * w[4] private-eviction weight (0..255), w[5] SIPS traffic (below), w[6] firewall churn
 * (below). Fail codes: 1 own slot read != shadow, 2 a value its owner cannot have written,
 * 3 a slot read went back, 4 amoswap.d old value, 5 lr.d value, 6 final own slot, 7 amoadd
 * counter sum, 8 LR/SC counter sum, 9 final slot != owner's shadow.
 */
#include "sips.h"

MP_CONFIG(1, 1000, 8, 0, 16, 0);

/* SIPS traffic (w[5] != 0): the pause operation sends a test message (sips.h) to the request
 * queue of a random node instead; core 0 of each node drains its node's request queue while
 * it waits for its own sends and at the end (a blocked sender that drained nothing could
 * deadlock with another), checking checksum, stamped source and each sender's sequence.
 * Fail codes 20 (send error), 21 (bad message), 22 (sequence), 23 (count at the end). */
#define SIPS_MAXN 16
static volatile uint64_t sips_next[SIPS_MAXN][64];   /* per receiving node and sender */
static volatile uint64_t sips_sent_to[64][SIPS_MAXN]; /* per sender and destination */
static volatile uint64_t sips_got[SIPS_MAXN];
static volatile uint64_t sips_senders_done __attribute__((aligned(64)));

static void sips_drain(uint64_t hart)
{
    uint64_t n = mp_node_of(hart), w[8], info;
    if (hart % mp_cores)
        return;
    while ((info = sips_recv(n, 0, w)) >> 63) {
        const char *bad = sips_check(w, info);
        uint64_t src = sips_info_hart(info);
        if (bad) {
            mp_printf("stress: hart %lu: SIPS %s (info 0x%lx)\n", hart, bad, info);
            mp_fail(21);
        }
        if ((w[0] & SIPS_SEQ_MASK) != sips_next[n][src]) {
            mp_printf("stress: hart %lu: SIPS from %lu: sequence %lu, want %lu\n", hart, src,
                      w[0] & SIPS_SEQ_MASK, sips_next[n][src]);
            mp_fail(22);
        }
        sips_next[n][src]++;
        sips_got[n]++;
    }
}

static void sips_op(uint64_t hart, uint64_t arg, uint64_t slots)
{
    /* only nodes whose core 0 has a slot (and so runs and drains) receive */
    uint64_t nd = (slots + mp_cores - 1) / mp_cores;
    nd = nd < mp_nodes ? nd : mp_nodes;
    uint64_t n = mp_node_of(hart), d = arg % nd, w[8], st;
    sips_make(w, hart, sips_sent_to[hart][d]);
    sips_start(n, d, 0, w);
    while ((st = *sips_reg(n, HIVE_CTRL_SIPS_STATUS)) & HIVE_SIPS_STATUS_BUSY)
        sips_drain(hart);
    if (st & HIVE_SIPS_STATUS_ERR) {
        mp_printf("stress: hart %lu: SIPS to node %lu failed (status 0x%lx)\n", hart, d, st);
        mp_fail(20);
    }
    sips_sent_to[hart][d]++;
}

/* Firewall churn (w[6] != 0): each node has one firewall page (FW_OFF, in the same L1 slots as
 * the shared lines, so that its dirty lines are evicted and written back while vectors change)
 * in which every hart owns one word. In place of most fences a hart stores to its word at a
 * random node with mp_try_sd, loads a random hart's word there, or sets a random vector on
 * its own node's firewall page (only the node's harts can) and waits until the revocation is
 * complete. A store that faults (mcause 7: no permission) is counted and must leave the word
 * unchanged: the owner's later reads compare with its shadow, which only a store that
 * completed changes, and the coherence checker's golden model follows the same rule. At the
 * end the refusals the harts counted must equal the sum of the homes' FW_DENIED. Fail codes
 * 30 (an unexpected fault of a firewall store or FW_VEC write), 31 own firewall word,
 * 32 another hart's firewall word, 33 FW_DENIED != refusals counted. */
#define FW_OFF (MP_NODE_FREE + 0x140000) /* 16 KiB above the 16 conflict lines: their L1 slots */
static uint64_t the_seed;
#define FW_MAXH 16 /* harts: with more, no churn (the words of one page's first lines) */
#define FW_ON (mp_cfg.w[6] && mp_harts <= FW_MAXH && mp_nodes <= SIPS_MAXN)
static uint64_t fw_shadow[FW_MAXH][SIPS_MAXN];
static uint64_t fw_seen[FW_MAXH][SIPS_MAXN][FW_MAXH]; /* per hart: the q it saw of each word */
static volatile uint64_t fw_refused[FW_MAXH];
static volatile uint64_t fw_denied_total __attribute__((aligned(64)));
static volatile uint64_t *fw_word(uint64_t node, uint64_t h)
{
    return mp_node_mem(node, FW_OFF) + h;
}
static uint64_t fw_value(uint64_t node, uint64_t h, uint64_t q)
{
    return 0xf0ULL << 56 | node << 52 | h << 44 | q;
}

static void fw_op(uint64_t hart, uint64_t arg)
{
    uint64_t nd = arg % mp_nodes, kind = (arg >> 8) % 8, c;
    if (kind < 4) { /* store own word */
        uint64_t q = (fw_shadow[hart][nd] & 0xfffffffffffULL) + 1, v = fw_value(nd, hart, q);
        c = mp_try_sd((uintptr_t)fw_word(nd, hart), v);
        if (c == 0)
            fw_shadow[hart][nd] = v;
        else if (c == 7)
            fw_refused[hart]++;
        else {
            mp_printf("stress: hart %lu: firewall store faulted with mcause %lu\n", hart, c);
            mp_fail(30);
        }
    } else if (kind < 7) { /* load a word */
        uint64_t h = (arg >> 16) % mp_harts, v = *fw_word(nd, h);
        if (h == hart) {
            if (v != fw_shadow[hart][nd]) {
                mp_printf("stress: FAIL seed %lu hart %lu: own firewall word at node %lu reads "
                          "0x%lx, shadow 0x%lx\n", the_seed, hart, nd, v, fw_shadow[hart][nd]);
                mp_fail(31);
            }
        } else if (v) {
            uint64_t q = v & 0xfffffffffffULL;
            if (v != fw_value(nd, h, q) || q < fw_seen[hart][nd][h]) {
                mp_printf("stress: FAIL seed %lu hart %lu: hart %lu's firewall word at node %lu "
                          "reads 0x%lx (saw q %lu before)\n", the_seed, hart, h, nd, v,
                          fw_seen[hart][nd][h]);
                mp_fail(32);
            }
            fw_seen[hart][nd][h] = q;
        }
    } else { /* a random vector on the own node's page */
        uint64_t n = mp_node_of(hart), vec = arg >> 20;
        volatile uint64_t *r = mp_ctrl(n, 0);
        r[HIVE_CTRL_FW_ADDR / 8] = (uintptr_t)fw_word(n, 0);
        r[HIVE_CTRL_FW_PAGES / 8] = 1;
        /* another core of the node may be filling: FW_VEC is then a bus error; try again */
        while ((c = mp_try_sd((uintptr_t)&r[HIVE_CTRL_FW_VEC / 8], vec)) == 7)
            ;
        if (c) {
            mp_printf("stress: hart %lu: FW_VEC write faulted with mcause %lu\n", hart, c);
            mp_fail(30);
        }
        while (r[HIVE_CTRL_FW_STATUS / 8] & 1)
            ;
    }
}

/* After the last operation (between barriers): every hart checks its own words, core 0 of each
 * node adds its home's FW_DENIED to the total. */
static void fw_end(uint64_t hart)
{
    for (uint64_t nd = 0; nd < mp_nodes; nd++)
        if (*fw_word(nd, hart) != fw_shadow[hart][nd]) {
            mp_printf("stress: FAIL seed %lu hart %lu: own firewall word at node %lu is 0x%lx "
                      "at the end, shadow 0x%lx\n", the_seed, hart, nd, *fw_word(nd, hart),
                      fw_shadow[hart][nd]);
            mp_fail(31);
        }
    if (hart % mp_cores == 0)
        mp_amoadd(&fw_denied_total, *mp_ctrl(mp_node_of(hart), HIVE_CTRL_FW_DENIED));
}

#define MAX_LINES 16
#define SLOTS_PER_LINE 6
#define MAX_SLOTS (MAX_LINES * SLOTS_PER_LINE)
#define SHARED_OFF (MP_NODE_FREE + 0x100000)  /* 16 KiB aligned */
#define PRIVATE_OFF (MP_NODE_FREE + 0x200000) /* per hart: 16 KiB at its own node */
#define L1_BYTES (256 * 64)

struct hart_state {
    uint64_t shadow[MAX_SLOTS];
    uint64_t seq[MAX_SLOTS];
    uint64_t seen[MAX_SLOTS];
    uint64_t added[MAX_LINES];
    uint64_t lrsc[MAX_LINES];
    uint64_t ops[11];
} __attribute__((aligned(64)));
static struct hart_state st[64];

static uint64_t H, L, layout;
static volatile uint64_t *line_addr(uint64_t l)
{
    if (layout == 1)
        return mp_node_mem(1 % mp_nodes, SHARED_OFF + l * L1_BYTES);
    return mp_node_mem(l % mp_nodes, SHARED_OFF + (l / mp_nodes) * 64);
}
static inline uint64_t owner_of(uint64_t s) { return s % H; }
static inline volatile uint64_t *slot_addr(uint64_t s)
{
    return line_addr(s / SLOTS_PER_LINE) + s % SLOTS_PER_LINE;
}
static inline uint64_t value_of(uint64_t s, uint64_t h, uint64_t q)
{
    return s << 56 | h << 48 | q;
}

static uint64_t op_index[64][8] __attribute__((aligned(64))); /* the operation each hart is at */
__attribute__((noreturn)) static void fail(int code, uint64_t hart, uint64_t s, const char *what,
                                           uint64_t got, uint64_t want)
{
    mp_printf("stress: FAIL seed %lu hart %lu op %lu: %s: slot %lu (line 0x%lx word %lu): "
              "got 0x%016lx, expected 0x%016lx\n",
              the_seed, hart, op_index[hart][0], what, s, (uint64_t)(uintptr_t)line_addr(s / 6),
              s % 6, got, want);
    mp_fail(code);
}

static void check_other(uint64_t hart, struct hart_state *me, uint64_t s, uint64_t v)
{
    uint64_t h = owner_of(s);
    if (v == 0) {
        if (me->seen[s])
            fail(3, hart, s, "slot read 0 after a written value", v, me->seen[s]);
        return;
    }
    if (v >> 56 != s || (v >> 48 & 0xff) != h)
        fail(2, hart, s, "value its owner never writes", v, value_of(s, h, 0));
    uint64_t q = v & 0xffffffffffffULL;
    if (q < me->seen[s])
        fail(3, hart, s, "slot went back to an older value", v, value_of(s, h, me->seen[s]));
    me->seen[s] = q;
}

static uint64_t my_slot(uint64_t hart, uint64_t r)
{
    uint64_t n = (L * SLOTS_PER_LINE - hart + H - 1) / H; /* slots with owner == hart */
    return hart + (r % n) * H;
}

int mp_main(uint64_t hart)
{
    H = mp_harts;
    L = mp_cfg.w[2] < 1 ? 1 : mp_cfg.w[2] > MAX_LINES ? MAX_LINES : mp_cfg.w[2];
    layout = mp_cfg.w[3];
    the_seed = mp_cfg.w[0];
    uint64_t ops = mp_cfg.w[1], evict_w = mp_cfg.w[4] & 0xff;
    uint64_t slots = L * SLOTS_PER_LINE;
    struct hart_state *me = &st[hart];
    uint64_t rng = mp_seed_for(the_seed, hart, 5);
    volatile uint64_t *priv = mp_node_mem(mp_node_of(hart), PRIVATE_OFF + hart * L1_BYTES);

    if (hart == 0) {
        mp_printf("stress: seed %lu, %lu harts x %lu operations, %lu lines (%s)\n", the_seed, H,
                  ops, L, layout == 1 ? "one home, one L1 slot, one directory set" : "spread");
        for (uint64_t l = 0; l < L; l++)
            for (int w = 0; w < 8; w++)
                line_addr(l)[w] = 0;
    }
    if (hart >= slots) /* no slot of its own (more harts than slots) */
        return 0;
    mp_barrier();

    for (uint64_t i = 0; i < ops; i++) {
        op_index[hart][0] = i;
        uint64_t r = mp_rand(&rng);
        uint64_t kind = r % 256, arg = r >> 8;
        if (kind < 40) { /* load own slot */
            uint64_t s = my_slot(hart, arg);
            uint64_t v = *slot_addr(s);
            if (v != me->shadow[s])
                fail(1, hart, s, "own slot", v, me->shadow[s]);
            me->ops[0]++;
        } else if (kind < 100) { /* load any slot */
            uint64_t s = arg % slots;
            uint64_t v = *slot_addr(s);
            if (owner_of(s) == hart) {
                if (v != me->shadow[s])
                    fail(1, hart, s, "own slot", v, me->shadow[s]);
            } else {
                check_other(hart, me, s, v);
            }
            me->ops[1]++;
        } else if (kind < 140) { /* store own slot */
            uint64_t s = my_slot(hart, arg);
            uint64_t v = value_of(s, hart, ++me->seq[s]);
            *slot_addr(s) = v;
            me->shadow[s] = v;
            me->ops[2]++;
        } else if (kind < 160) { /* amoswap own slot */
            uint64_t s = my_slot(hart, arg);
            uint64_t v = value_of(s, hart, ++me->seq[s]);
            uint64_t old = mp_amoswap(slot_addr(s), v);
            if (old != me->shadow[s])
                fail(4, hart, s, "amoswap.d old value", old, me->shadow[s]);
            me->shadow[s] = v;
            me->ops[3]++;
        } else if (kind < 175) { /* lr/sc own slot, once */
            uint64_t s = my_slot(hart, arg);
            uint64_t v = value_of(s, hart, ++me->seq[s]), old, fail_sc;
            __asm__ volatile("lr.d %0, (%2)\n sc.d %1, %3, (%2)"
                             : "=&r"(old), "=&r"(fail_sc)
                             : "r"(slot_addr(s)), "r"(v)
                             : "memory");
            if (old != me->shadow[s])
                fail(5, hart, s, "lr.d value", old, me->shadow[s]);
            if (!fail_sc)
                me->shadow[s] = v;
            me->ops[4]++;
        } else if (kind < 200) { /* amoadd counter */
            uint64_t l = arg % L, k = 1 + (arg >> 8) % 15;
            mp_amoadd(line_addr(l) + 6, k);
            me->added[l] += k;
            me->ops[5]++;
        } else if (kind < 215) { /* lr/sc increment loop */
            uint64_t l = arg % L, tmp;
            __asm__ volatile("1: lr.d %0, (%1)\n addi %0, %0, 1\n sc.d %0, %0, (%1)\n bnez %0, 1b"
                             : "=&r"(tmp)
                             : "r"(line_addr(l) + 7)
                             : "memory");
            me->lrsc[l]++;
            me->ops[6]++;
        } else if (kind < 215 + evict_w % 41) { /* private line in the L1 slot of a shared one */
            uint64_t l = arg % L;
            volatile uint64_t *p = priv + ((uintptr_t)line_addr(l) % L1_BYTES) / 8;
            if (arg & 0x100)
                *p = i;
            else
                (void)*p;
            me->ops[7]++;
        } else if (kind < 250 && FW_ON && kind >= 250 - mp_cfg.w[6] % 36) { /* firewall */
            fw_op(hart, arg);
            me->ops[10]++;
        } else if (kind < 250) { /* fence */
            mp_fence();
            me->ops[8]++;
        } else if (mp_cfg.w[5] && mp_nodes <= SIPS_MAXN) { /* SIPS instead of a pause */
            sips_op(hart, arg, slots);
            me->ops[9]++;
        } else { /* pause */
            mp_delay(arg % 64);
            me->ops[9]++;
        }
    }

    if (mp_cfg.w[5] && mp_nodes <= SIPS_MAXN) {
        /* every hart but the ones with no slot sends; core 0s drain until all have finished */
        uint64_t senders = H < slots ? H : slots;
        mp_amoadd(&sips_senders_done, 1);
        while (sips_senders_done != senders)
            sips_drain(hart);
        sips_drain(hart);
    }
    if (FW_ON) {
        mp_barrier();
        fw_end(hart);
    }
    mp_barrier();
    for (uint64_t s = hart; s < slots; s += H) {
        uint64_t v = *slot_addr(s);
        if (v != me->shadow[s])
            fail(6, hart, s, "own slot at the end", v, me->shadow[s]);
    }
    mp_barrier();
    if (hart != 0)
        return 0;
    uint64_t nh = H < slots ? H : slots;
    for (uint64_t l = 0; l < L; l++) {
        uint64_t add = 0, inc = 0;
        for (uint64_t h = 0; h < nh; h++) {
            add += st[h].added[l];
            inc += st[h].lrsc[l];
        }
        if (line_addr(l)[6] != add) {
            op_index[hart][0] = ops;
            fail(7, hart, l * 6, "amoadd counter (word 6) of the line", line_addr(l)[6], add);
        }
        if (line_addr(l)[7] != inc) {
            op_index[hart][0] = ops;
            fail(8, hart, l * 6, "LR/SC counter (word 7) of the line", line_addr(l)[7], inc);
        }
    }
    for (uint64_t s = 0; s < slots; s++)
        if (*slot_addr(s) != st[owner_of(s)].shadow[s]) {
            op_index[hart][0] = ops;
            fail(9, hart, s, "slot at the end (owner's shadow)", *slot_addr(s),
                 st[owner_of(s)].shadow[s]);
        }
    if (mp_cfg.w[5] && mp_nodes <= SIPS_MAXN)
        for (uint64_t d = 0; d < mp_nodes; d++) {
            uint64_t want = 0;
            for (uint64_t h = 0; h < nh; h++)
                want += sips_sent_to[h][d];
            if (sips_got[d] != want) {
                mp_printf("stress: node %lu received %lu SIPS, %lu were sent to it\n", d,
                          sips_got[d], want);
                mp_fail(23);
            }
        }
    uint64_t tot[11] = {0}, refused = 0;
    for (uint64_t h = 0; h < nh; h++) {
        for (int k = 0; k < 11; k++)
            tot[k] += st[h].ops[k];
        refused += h < FW_MAXH ? fw_refused[h] : 0;
    }
    if (FW_ON && fw_denied_total != refused) {
        mp_printf("stress: the homes' FW_DENIED add up to %lu, the harts counted %lu refused "
                  "firewall stores\n", fw_denied_total, refused);
        mp_fail(33);
    }
    mp_printf("stress: seed %lu passed: loads own %lu any %lu, stores %lu, amoswap %lu, "
              "lr/sc %lu, amoadd %lu, lr/sc loops %lu, evictions %lu, fences %lu, pauses %lu, "
              "firewall %lu (%lu stores refused)\n",
              the_seed, tot[0], tot[1], tot[2], tot[3], tot[4], tot[5], tot[6], tot[7], tot[8],
              tot[9], tot[10], refused);
    return 0;
}
