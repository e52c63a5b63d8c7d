/* Per-hart run queues (see runq.h). */
#include "runq.h"
#include "printf.h"

void runq_init(struct runq *q)
{
	spin_init(&q->lock, "runq");
	q->head.next = q->head.prev = &q->head;
	q->head.on = q;
	q->len = 0;
}

void runq_push(struct runq *q, struct rq_link *l)
{
	spin_lock(&q->lock);
	if (l->on)
		panic("runq_push: entry already queued");
	l->prev = q->head.prev;
	l->next = &q->head;
	q->head.prev->next = l;
	q->head.prev = l;
	l->on = q;
	q->len++;
	spin_unlock(&q->lock);
}

static void unlink(struct runq *q, struct rq_link *l)
{
	l->prev->next = l->next;
	l->next->prev = l->prev;
	l->next = l->prev = NULL;
	l->on = NULL;
	q->len--;
}

struct rq_link *runq_pop(struct runq *q)
{
	spin_lock(&q->lock);
	struct rq_link *l = q->head.next;
	if (l == &q->head)
		l = NULL;
	else
		unlink(q, l);
	spin_unlock(&q->lock);
	return l;
}

struct rq_link *runq_steal(struct runq *q)
{
	spin_lock(&q->lock);
	struct rq_link *l = q->head.prev;
	if (l == &q->head)
		l = NULL;
	else
		unlink(q, l);
	spin_unlock(&q->lock);
	return l;
}

bool runq_remove(struct runq *q, struct rq_link *l)
{
	spin_lock(&q->lock);
	bool was = l->on == q;
	if (was)
		unlink(q, l);
	spin_unlock(&q->lock);
	return was;
}

int runq_busiest(struct runq *const *qs, int n, int skip, uint32_t min)
{
	int best = -1;
	uint32_t most = min ? min - 1 : 0;
	for (int i = 0; i < n; i++) {
		uint32_t len = qs[i]->len;
		if (i != skip && len > most && len >= min) {
			most = len;
			best = i;
		}
	}
	return best;
}
