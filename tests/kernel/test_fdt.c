/* Unit tests: the device-tree parser (kernel/fdt.c) on compiled trees, corrupt ones included. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fdt.h"
#include "host.h"

static uint8_t *load(const char *name, size_t *len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", getenv("KERNEL_TEST_DTB_DIR") ? getenv("KERNEL_TEST_DTB_DIR") : ".", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	uint8_t *buf = malloc(1 << 16);
	*len = fread(buf, 1, 1 << 16, f);
	fclose(f);
	return buf;
}

static void test_hive_cell(void **state)
{
	(void)state;
	size_t len;
	uint8_t *b = load("hive-2node.dtb", &len);
	struct fdt_info fi;
	const char *why = "";
	assert_int_equal(fdt_parse(b, len, &fi, &why), 0);
	assert_int_equal(fi.nharts, 3); /* 4, 5 and 7: cpu@6 is disabled */
	assert_int_equal(fi.harts[0], 4);
	assert_int_equal(fi.harts[1], 5);
	assert_int_equal(fi.harts[2], 7);
	assert_int_equal(fi.timebase, 10000000);
	assert_int_equal(fi.nmem, 2);
	assert_int_equal(fi.mem[1].base, 0x130000000ULL);
	assert_int_equal(fi.mem[1].size, 0x1000000);
	assert_int_equal(fi.nresv, 2); /* /memreserve/ and reserved-memory */
	assert_int_equal(fi.resv[0].base, 0x80ff0000);
	assert_int_equal(fi.resv[1].size, 0x80000);
	assert_true(fi.has_uart);
	assert_int_equal(fi.uart_base, 0x22100000); /* the one stdout-path names */
	assert_string_equal(fi.bootargs, "shell quiet");
	assert_true(fi.soc.present);
	assert_int_equal(fi.soc.nodes, 4);
	assert_int_equal(fi.soc.cell_id, 1);
	assert_int_equal(fi.soc.cell_first_node, 2);
	assert_int_equal(fi.soc.cell_nodes, 2);
	assert_int_equal(fi.soc.home_global_base, 0x120000000ULL);
	assert_int_equal(fi.soc.global_stride, 0x10000000);
	assert_int_equal(fi.soc.uart_off, 0x100000);
	free(b);
}

static void test_qemu_like(void **state)
{
	(void)state;
	size_t len;
	uint8_t *b = load("qemu-like.dtb", &len);
	struct fdt_info fi;
	const char *why = "";
	assert_int_equal(fdt_parse(b, len, &fi, &why), 0);
	assert_int_equal(fi.nharts, 2);
	assert_int_equal(fi.nmem, 2); /* two ranges in one reg */
	assert_int_equal(fi.mem[1].base, 0x90000000);
	assert_int_equal(fi.uart_base, 0x10000000);
	assert_int_equal(fi.uart_shift, 2);
	assert_false(fi.soc.present);
	free(b);
}

static void test_generated_trees(void **state)
{
	(void)state;
	/* every cell tree the firmware build generated, when it is there */
	const char *dir = getenv("KERNEL_TEST_BOOT_DIR");
	if (!dir)
		skip();
	int seen = 0;
	for (int k = 0; k < 4; k++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/cells1/cell%d.dtb", dir, k);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		uint8_t *b = malloc(1 << 16);
		size_t len = fread(b, 1, 1 << 16, f);
		fclose(f);
		struct fdt_info fi;
		const char *why = "";
		assert_int_equal(fdt_parse(b, len, &fi, &why), 0);
		assert_true(fi.nharts >= 1);
		assert_true(fi.soc.present);
		assert_true(fi.has_uart);
		free(b);
		seen++;
	}
	if (!seen)
		skip();
}

static void test_corrupt(void **state)
{
	(void)state;
	size_t len;
	uint8_t *orig = load("hive-2node.dtb", &len);
	uint8_t *b = malloc(len);
	uint64_t x = 0x243f6a8885a308d3ULL;
	int rejected = 0;
	for (int round = 0; round < 30000; round++) {
		memcpy(b, orig, len);
		int flips = 1 + (int)(x % 4);
		for (int k = 0; k < flips; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			size_t pos = (x >> 16) % (round % 3 ? len : 64); /* header often */
			b[pos] ^= (uint8_t)(1u << (x % 8));
		}
		struct fdt_info fi;
		const char *why = "";
		if (fdt_parse(b, len, &fi, &why))
			rejected++;
		else {
			assert_true(fi.nharts <= MAX_HARTS);
			assert_true(fi.nmem <= MAX_MEMREGIONS);
		}
	}
	assert_true(rejected > 0);
	/* truncated trees and bad pointers */
	struct fdt_info fi;
	const char *why = "";
	assert_int_equal(fdt_parse(orig, 100, &fi, &why), -1);
	assert_int_equal(fdt_parse(NULL, len, &fi, &why), -1);
	assert_int_equal(fdt_parse(orig + 1, len, &fi, &why), -1);
	free(b);
	free(orig);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hive_cell),
		cmocka_unit_test(test_qemu_like),
		cmocka_unit_test(test_generated_trees),
		cmocka_unit_test(test_corrupt),
	};
	return cmocka_run_group_tests_name("fdt", tests, NULL, NULL);
}
