/*
 * Per-hart run queues: a FIFO of runnable processes with its own lock and length. A hart
 * takes work from its own queue first and steals from the tail of the longest other queue
 * when its own is empty. Pure list code over spinlocks: unit-tested on the host.
 */
#ifndef KERNEL_RUNQ_H
#define KERNEL_RUNQ_H

#include "types.h"
#include "spinlock.h"

struct rq_link {
	struct rq_link *next, *prev;
	struct runq *on; /* the queue holding this entry, NULL when none */
};

struct runq {
	struct spinlock lock;
	struct rq_link head;
	volatile uint32_t len;
};

void runq_init(struct runq *q);
void runq_push(struct runq *q, struct rq_link *l);  /* at the tail; l must be on no queue */
struct rq_link *runq_pop(struct runq *q);            /* from the head, NULL if empty */
struct rq_link *runq_steal(struct runq *q);          /* from the tail, NULL if empty */
bool runq_remove(struct runq *q, struct rq_link *l); /* true if l was on q */
/* Index of the longest queue among qs[0..n) other than skip with at least min entries,
 * or -1. Lock-free read of the lengths: a hint. */
int runq_busiest(struct runq *const *qs, int n, int skip, uint32_t min);

#endif
