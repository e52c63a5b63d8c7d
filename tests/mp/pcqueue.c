/* pcqueue: single-producer single-consumer queues of whole lines.
 *
 * Harts pair up (2k produces, 2k+1 consumes; an odd last hart sits out). Queue k is a ring of
 * 8 line-sized slots homed at node k mod nodes, with head and tail on lines of their own. The
 * producer fills a slot (sequence number and 7 words derived from it), fences w,w and
 * publishes the tail; the consumer waits for the tail, fences r,r, checks every word of the
 * slot and the order of the sequence numbers, fences r,w and frees the slot by the head.
 * After `items` items each consumer also checks the sum of what it got.
 *
 * mp_cfg: w[0] seed (pauses), w[1] items per queue. Fail codes: 1 wrong or torn slot, 2 order,
 * 3 sum.
 */
#include "mp.h"

MP_CONFIG(1, 300);

#define SLOTS 8
#define QUEUE_OFF (MP_NODE_FREE + 0x4000)
#define QUEUE_BYTES 0x400 /* 8 slots + head + tail lines, rounded */

struct queue {
    volatile uint64_t slot[SLOTS][8];
    volatile uint64_t head __attribute__((aligned(64)));
    volatile uint64_t tail __attribute__((aligned(64)));
};

static inline uint64_t word_of(uint64_t q, uint64_t seq, unsigned j)
{
    return (q << 56) ^ (seq * 0x9e3779b97f4a7c15ULL) ^ ((uint64_t)j << 48) ^ j;
}

static struct queue *queue_of(uint64_t k)
{
    return (struct queue *)(uintptr_t)mp_node_mem(k % mp_nodes, QUEUE_OFF + k * QUEUE_BYTES);
}

int mp_main(uint64_t hart)
{
    uint64_t H = mp_harts, N = mp_cfg.w[1];
    uint64_t rng = mp_seed_for(mp_cfg.w[0], hart, 2);
    uint64_t k = hart / 2;
    int active = k < H / 2;
    if (active && hart % 2 == 0) {
        struct queue *q = queue_of(k);
        q->head = 0;
        q->tail = 0;
    }
    mp_barrier();
    if (active) {
        struct queue *q = queue_of(k);
        if (hart % 2 == 0) {
            for (uint64_t s = 1; s <= N; s++) {
                while (q->tail - q->head >= SLOTS)
                    ;
                __asm__ volatile("fence r, rw" ::: "memory");
                volatile uint64_t *w = q->slot[q->tail % SLOTS];
                w[0] = s;
                for (unsigned j = 1; j < 8; j++)
                    w[j] = word_of(k, s, j);
                __asm__ volatile("fence w, w" ::: "memory");
                q->tail = q->tail + 1;
                mp_delay(mp_rand(&rng) % 32);
            }
        } else {
            uint64_t sum = 0;
            for (uint64_t s = 1; s <= N; s++) {
                while (q->head == q->tail)
                    ;
                __asm__ volatile("fence r, r" ::: "memory");
                volatile uint64_t *w = q->slot[q->head % SLOTS];
                uint64_t got[8];
                for (unsigned j = 0; j < 8; j++)
                    got[j] = w[j];
                if (got[0] != s) {
                    mp_printf("pcqueue %lu: item %lu has sequence number %lu\n", k, s, got[0]);
                    mp_fail(2);
                }
                for (unsigned j = 1; j < 8; j++)
                    if (got[j] != word_of(k, s, j)) {
                        mp_printf("pcqueue %lu: item %lu word %u = 0x%lx, expected 0x%lx\n", k,
                                  s, j, got[j], word_of(k, s, j));
                        mp_fail(1);
                    }
                sum += got[0];
                __asm__ volatile("fence r, w" ::: "memory");
                q->head = q->head + 1;
                mp_delay(mp_rand(&rng) % 32);
            }
            if (sum != N * (N + 1) / 2) {
                mp_printf("pcqueue %lu: sum %lu, expected %lu\n", k, sum, N * (N + 1) / 2);
                mp_fail(3);
            }
        }
    }
    mp_barrier();
    if (hart == 0)
        mp_printf("pcqueue: %lu queues x %lu items passed in order\n", H / 2, N);
    return 0;
}
