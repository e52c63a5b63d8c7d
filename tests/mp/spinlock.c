/* spinlock: counters that only a lock protects, with three locks in turn.
 *
 * Every hart takes the lock `rounds` times per kind, one kind after the other (a barrier
 * between): an LR/SC lock (lr.w.aq / sc.w.rl; waiters spin with loads), a test-and-set lock
 * (amoswap.w.aq, with a read-only spin) and a ticket lock (amoadd.w for the ticket, loads of
 * the turn). Inside, plain loads and stores update two
 * counters on lines homed at different nodes, and an owner word that must be free on entry and
 * still ours on exit (two harts inside at once fail at once, code 1). Unlock: fence + store
 * (LR/SC and test-and-set), or a store of the next turn (ticket). Hart 0 then checks both
 * counters against harts x rounds x 3 (code 2).
 *
 * mp_cfg: w[0] seed (pauses inside the critical section), w[1] rounds per hart and lock,
 * w[2] 1: LR/SC lock waiters spin with lr.w instead of loads.
 */
#include "mp.h"

MP_CONFIG(1, 100, 0);

#define NOBODY 0xffffffffffffffffULL
static volatile uint32_t lock_lrsc __attribute__((aligned(64)));
static volatile uint32_t lock_tas __attribute__((aligned(64)));
static struct {
    volatile uint32_t next __attribute__((aligned(64)));
    volatile uint32_t turn __attribute__((aligned(64)));
} ticket;
static volatile uint64_t owner __attribute__((aligned(64))) = NOBODY;
static volatile uint64_t count_a __attribute__((aligned(64)));
#define COUNT_B_OFF (MP_NODE_FREE + 0x2000) /* count_b: homed at the last node */

/* LR/SC lock: waiters spin with loads while the lock is taken (test and test-and-set), or,
 * with spin_lr, with lr.w itself (every turn asks for the line exclusively). */
static void lrsc_lock(volatile uint32_t *l, int spin_lr)
{
    uint32_t tmp;
    for (;;) {
        if (!spin_lr)
            while (*l)
                ;
        __asm__ volatile("1: lr.w.aq %0, (%1)\n"
                         "   bnez %0, 2f\n"
                         "   sc.w.rl %0, %2, (%1)\n"
                         "   bnez %0, 1b\n"
                         "2:\n"
                         : "=&r"(tmp)
                         : "r"(l), "r"(1)
                         : "memory");
        if (!tmp)
            return;
    }
}

static void tas_lock(volatile uint32_t *l)
{
    for (;;) {
        uint32_t old;
        __asm__ volatile("amoswap.w.aq %0, %2, (%1)" : "=r"(old) : "r"(l), "r"(1) : "memory");
        if (!old)
            return;
        while (*l)
            ;
    }
}

static void store_release(volatile uint32_t *l, uint32_t v)
{
    __asm__ volatile("fence rw, w" ::: "memory");
    *l = v;
}

static const char *const lock_names[] = {"LR/SC", "test-and-set", "ticket"};

static void critical(uint64_t hart, int kind, volatile uint64_t *count_b, uint64_t *rng)
{
    if (owner != NOBODY) {
        mp_printf("spinlock: %s lock: hart %lu entered while hart %lu was inside\n",
                  lock_names[kind], hart, owner);
        mp_fail(1);
    }
    owner = hart;
    count_a = count_a + 1;
    mp_delay(mp_rand(rng) % 8);
    *count_b = *count_b + 1;
    if (owner != hart) {
        mp_printf("spinlock: %s lock: hart %lu found hart %lu inside with it\n",
                  lock_names[kind], hart, owner);
        mp_fail(1);
    }
    owner = NOBODY;
}

int mp_main(uint64_t hart)
{
    uint64_t H = mp_harts, R = mp_cfg.w[1];
    int spin_lr = mp_cfg.w[2] != 0;
    uint64_t rng = mp_seed_for(mp_cfg.w[0], hart, 1);
    volatile uint64_t *count_b = mp_node_mem(mp_nodes - 1, COUNT_B_OFF);
    if (hart == 0)
        *count_b = 0;
    mp_barrier();
    for (uint64_t i = 0; i < R; i++) {
        lrsc_lock(&lock_lrsc, spin_lr);
        critical(hart, 0, count_b, &rng);
        store_release(&lock_lrsc, 0);
        mp_delay(mp_rand(&rng) % 16);
    }
    mp_barrier(); /* one lock at a time guards the counters */
    for (uint64_t i = 0; i < R; i++) {
        tas_lock(&lock_tas);
        critical(hart, 1, count_b, &rng);
        store_release(&lock_tas, 0);
        mp_delay(mp_rand(&rng) % 16);
    }
    mp_barrier();
    for (uint64_t i = 0; i < R; i++) {
        uint32_t me;
        __asm__ volatile("amoadd.w %0, %2, (%1)" : "=r"(me) : "r"(&ticket.next), "r"(1) : "memory");
        while (ticket.turn != me)
            ;
        __asm__ volatile("fence r, rw" ::: "memory");
        critical(hart, 2, count_b, &rng);
        store_release(&ticket.turn, me + 1);
        mp_delay(mp_rand(&rng) % 16);
    }
    mp_barrier();
    if (hart != 0)
        return 0;
    uint64_t want = H * R * 3;
    if (count_a != want || *count_b != want) {
        mp_printf("spinlock: counters %lu and %lu, expected %lu\n", count_a, *count_b, want);
        return 2;
    }
    mp_printf("spinlock: %lu harts x %lu rounds x 3 locks: counters %lu as expected\n", H, R,
              want);
    return 0;
}
