/* Unit tests: per-hart run queues (kernel/runq.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "host.h"
#include "runq.h"

static void test_fifo_and_steal(void **state)
{
	(void)state;
	struct runq q;
	struct rq_link l[5] = { 0 };
	runq_init(&q);
	assert_null(runq_pop(&q));
	assert_null(runq_steal(&q));
	for (int i = 0; i < 5; i++)
		runq_push(&q, &l[i]);
	assert_int_equal(q.len, 5);
	EXPECT_PANIC(runq_push(&q, &l[2])); /* already queued */
	q.lock.locked = 0;                   /* panic left it held */
	assert_ptr_equal(runq_pop(&q), &l[0]);   /* FIFO from the head */
	assert_ptr_equal(runq_steal(&q), &l[4]); /* stealing from the tail */
	assert_true(runq_remove(&q, &l[2]));
	assert_false(runq_remove(&q, &l[2]));
	assert_null(l[2].on);
	assert_ptr_equal(runq_pop(&q), &l[1]);
	assert_ptr_equal(runq_pop(&q), &l[3]);
	assert_null(runq_pop(&q));
	assert_int_equal(q.len, 0);
	runq_push(&q, &l[2]); /* can go back on after removal */
	assert_ptr_equal(runq_pop(&q), &l[2]);
}

static void test_busiest(void **state)
{
	(void)state;
	struct runq q[4];
	struct runq *qs[4];
	struct rq_link l[10] = { 0 };
	for (int i = 0; i < 4; i++) {
		runq_init(&q[i]);
		qs[i] = &q[i];
	}
	assert_int_equal(runq_busiest(qs, 4, 0, 1), -1);
	runq_push(&q[1], &l[0]);
	runq_push(&q[2], &l[1]);
	runq_push(&q[2], &l[2]);
	runq_push(&q[3], &l[3]);
	assert_int_equal(runq_busiest(qs, 4, 0, 1), 2);
	assert_int_equal(runq_busiest(qs, 4, 2, 1), 1);
	assert_int_equal(runq_busiest(qs, 4, 0, 3), -1);
	/* a hart steals until the queues balance */
	struct rq_link *s = runq_steal(&q[runq_busiest(qs, 4, 0, 1)]);
	assert_ptr_equal(s, &l[2]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fifo_and_steal),
		cmocka_unit_test(test_busiest),
	};
	return cmocka_run_group_tests_name("runq", tests, NULL, NULL);
}
