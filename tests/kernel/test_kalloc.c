/* Unit tests: the tagged kernel allocator (kernel/kalloc.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "host.h"
#include "kalloc.h"
#include "mem.h"

static int setup(void **state)
{
	(void)state;
	host_mem_init(256, 0);
	mem_init_frames();
	kalloc_init();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	host_mem_free();
	return 0;
}

static void test_tags(void **state)
{
	(void)state;
	uint64_t live = kalloc_live();
	void *p = kalloc(100, KT_PROC), *q = kalloc(100, KT_FILE);
	assert_non_null(p);
	assert_non_null(q);
	assert_int_equal((uintptr_t)p % 16, 0);
	assert_int_equal(ktag_of(p), KT_PROC);
	assert_true(ktag_check(p, KT_PROC));
	assert_false(ktag_check(p, KT_FILE));
	assert_int_equal(*(uint32_t *)((char *)p - KALLOC_HDR), KT_PROC); /* the first word */
	assert_int_equal(kalloc_live(), live + 2);
	EXPECT_PANIC(kfree(p, KT_FILE)); /* wrong type */
	kfree(p, KT_PROC);
	assert_int_equal(ktag_of(p), KT_FREE);
	assert_false(ktag_check(p, KT_PROC));
	EXPECT_PANIC(kfree(p, KT_PROC)); /* double free */
	kfree(q, KT_FILE);
	assert_int_equal(kalloc_live(), live);
	assert_false(ktag_check((char *)q + 8, KT_FILE)); /* misaligned pointer */
	assert_null(kalloc(16, KT_FREE));
	assert_null(kalloc(16, 0));
}

static void test_sizes(void **state)
{
	(void)state;
	size_t sizes[] = { 1, 16, 17, 100, 496, 1000, 2000, 4000, KALLOC_MAX };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint8_t *p = kalloc(sizes[i], KT_TEST);
		assert_non_null(p);
		for (size_t j = 0; j < sizes[i]; j++)
			assert_int_equal(p[j], 0);
		memset(p, 0xee, sizes[i]);
		kfree(p, KT_TEST);
	}
	assert_null(kalloc(KALLOC_MAX + 1, KT_TEST));
}

static void test_many(void **state)
{
	(void)state;
	enum { N = 500 };
	static void *objs[N];
	for (int i = 0; i < N; i++) {
		objs[i] = kalloc(48 + (i % 5) * 100, KT_TEST);
		assert_non_null(objs[i]);
		memset(objs[i], i & 0xff, 48);
	}
	for (int i = 0; i < N; i++)
		for (int j = 0; j < 48; j++)
			assert_int_equal(((uint8_t *)objs[i])[j], i & 0xff); /* no overlap */
	for (int i = 0; i < N; i += 2)
		kfree(objs[i], KT_TEST);
	for (int i = 0; i < N; i += 2)
		assert_non_null(objs[i] = kalloc(48, KT_TEST));
	for (int i = 0; i < N; i++)
		kfree(objs[i], KT_TEST);
	/* out of memory: NULL, not a crash */
	int n = 0;
	while (kalloc(2000, KT_TEST))
		n++;
	assert_true(n > 100);
	assert_int_equal(mem_free_frames(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_many),
	};
	return cmocka_run_group_tests_name("kalloc", tests, setup, teardown);
}
