/* Unit tests: Sv39 page tables (kernel/pt.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "host.h"
#include "mem.h"
#include "pt.h"
#include "riscv.h"
#include "errno.h"

static int setup(void **state)
{
	(void)state;
	host_mem_init(512, 0);
	mem_init_frames();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	host_mem_free();
	return 0;
}

static int count_leaf(void *arg, uint64_t va, pte_t *pte)
{
	(void)va;
	(void)pte;
	(*(int *)arg)++;
	return 0;
}

static int clear_leaf(void *arg, uint64_t va, pte_t *pte)
{
	(void)arg;
	(void)va;
	*pte = 0;
	return 0;
}

static void test_map_lookup_unmap(void **state)
{
	(void)state;
	uint64_t before = mem_free_frames();
	pagetable_t root = pt_create();
	assert_non_null(root);
	uint64_t va = 0x40010000, pa = 0x87654000;
	assert_int_equal(pt_map(root, va, pa, PTE_R | PTE_U), 0);
	assert_int_equal(pt_map(root, va, pa, PTE_R), -EEXIST);
	assert_int_equal(pt_map(root, va + 1, pa, PTE_R), -EINVAL);
	int level = -1;
	pte_t *pte = pt_lookup(root, va + 123, &level);
	assert_non_null(pte);
	assert_int_equal(level, 0);
	assert_int_equal(PTE_PA(*pte), pa);
	assert_true(*pte & PTE_V);
	assert_true(*pte & PTE_U);
	assert_null(pt_lookup(root, va + 4096, NULL));
	assert_null(pt_walk(root, 1UL << 40, true)); /* beyond Sv39's lower half */
	assert_int_equal(pt_count_tables(root), 3);
	/* a second page in the same last-level table adds no table */
	assert_int_equal(pt_map(root, va + 4096, pa + 4096, PTE_R | PTE_W), 0);
	assert_int_equal(pt_count_tables(root), 3);
	int n = 0;
	pt_foreach(root, 0x40000000, 0x80000000, count_leaf, &n);
	assert_int_equal(n, 2);
	n = 0;
	pt_foreach(root, va + 4096, va + 8192, count_leaf, &n);
	assert_int_equal(n, 1);
	assert_int_equal(PTE_PA(pt_unmap(root, va)), pa);
	assert_int_equal(pt_unmap(root, va), 0);
	EXPECT_PANIC(pt_free_range(root, 0x40000000, 0x80000000)); /* a leaf is left */
	pt_foreach(root, 0x40000000, 0x80000000, clear_leaf, NULL);
	pt_free_range(root, 0x40000000, 0x80000000);
	assert_int_equal(pt_count_tables(root), 1);
	pt_destroy(root);
	assert_int_equal(mem_free_frames(), before); /* every table came back */
}

static void test_big_pages(void **state)
{
	(void)state;
	pagetable_t root = pt_create();
	/* 2 MiB + 8 KiB from a 2 MiB-aligned base: one megapage and two small pages */
	assert_int_equal(pt_map_range(root, 0x80000000, 0x80000000, (2 << 20) + 8192,
				      PTE_R | PTE_W, true), 0);
	int level;
	pte_t *p = pt_lookup(root, 0x80001000, &level);
	assert_non_null(p);
	assert_int_equal(level, 1);
	assert_int_equal(PTE_PA(*p), 0x80000000);
	p = pt_lookup(root, 0x80201000, &level);
	assert_int_equal(level, 0);
	assert_int_equal(PTE_PA(*p), 0x80201000);
	assert_null(pt_walk(root, 0x80001000, false)); /* covered by a superpage */
	/* a whole gigapage */
	assert_int_equal(pt_map_range(root, 0x100000000, 0x100000000, 1UL << 30, PTE_R, true), 0);
	p = pt_lookup(root, 0x100000000 + 12345, &level);
	assert_int_equal(level, 2);
	assert_int_equal(pt_map_range(root, 0x80000000, 0x80000000, 4096, PTE_R, true), -EEXIST);
	assert_int_equal(pt_map_range(root, 0x3000, 0x3001, 4096, PTE_R, true), -EINVAL);
	/* sharing the kernel part */
	pagetable_t user = pt_create();
	pt_share(user, root, 0x40000000, 0x80000000);
	assert_non_null(pt_lookup(user, 0x80001000, NULL));
	assert_int_equal(user[1], 0); /* the user gigabyte stays its own */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_lookup_unmap),
		cmocka_unit_test(test_big_pages),
	};
	return cmocka_run_group_tests_name("pt", tests, setup, teardown);
}
