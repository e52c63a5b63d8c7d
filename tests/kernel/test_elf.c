/* Unit tests: the ELF executable checks (kernel/elf.c), on built images and a real one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "elf.h"
#include "errno.h"
#include "host.h"

#define LO 0x40000000ULL
#define HI 0x7fe00000ULL

static uint8_t img[8192];

static void put(uint8_t *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* an executable with a text segment (R X) and a data segment (R W) */
static void build(void)
{
	memset(img, 0, sizeof(img));
	memcpy(img, "\x7f" "ELF\x02\x01\x01", 7);
	put(img + 16, 2, 2);           /* ET_EXEC */
	put(img + 18, 243, 2);         /* EM_RISCV */
	put(img + 20, 1, 4);
	put(img + 24, 0x40010010, 8);  /* entry */
	put(img + 32, 64, 8);          /* phoff */
	put(img + 52, 64, 2);
	put(img + 54, 56, 2);
	put(img + 56, 2, 2);           /* phnum */
	uint8_t *ph = img + 64;
	put(ph, 1, 4);
	put(ph + 4, 5, 4);             /* R X */
	put(ph + 8, 0x1000, 8);
	put(ph + 16, 0x40010000, 8);
	put(ph + 32, 0x800, 8);
	put(ph + 40, 0x800, 8);
	ph += 56;
	put(ph, 1, 4);
	put(ph + 4, 6, 4);             /* R W */
	put(ph + 8, 0x1800, 8);
	put(ph + 16, 0x40012800, 8);
	put(ph + 32, 0x100, 8);
	put(ph + 40, 0x3000, 8);       /* bss */
}

static int parse(void)
{
	struct elf_image im;
	return elf_parse(img, sizeof(img), sizeof(img), LO, HI, &im);
}

static void test_valid(void **state)
{
	(void)state;
	build();
	struct elf_image im;
	assert_int_equal(elf_parse(img, sizeof(img), sizeof(img), LO, HI, &im), 0);
	assert_int_equal(im.nseg, 2);
	assert_int_equal(im.entry, 0x40010010);
	assert_int_equal(im.seg[0].prot, 5);
	assert_int_equal(im.seg[1].prot, 3);
	assert_int_equal(im.seg[1].memsz, 0x3000);
}

static void test_bad(void **state)
{
	(void)state;
	struct {
		int off, n;
		uint64_t v;
		const char *what;
	} bad[] = {
		{ 0, 1, 0, "magic" }, { 4, 1, 1, "class" }, { 5, 1, 2, "byte order" },
		{ 16, 2, 3, "type" }, { 18, 2, 62, "machine" }, { 54, 2, 32, "phentsize" },
		{ 56, 2, 0, "phnum" }, { 56, 2, 1000, "phnum huge" }, { 32, 8, 8000, "phoff" },
		{ 24, 8, 0x40012900, "entry not executable" },
		{ 64 + 16, 8, 0x1000, "below lo" }, { 64 + 16, 8, 0x90000000, "above hi" },
		{ 64 + 40, 8, 1ULL << 62, "memsz overflow" }, { 64 + 32, 8, 0x900, "filesz > memsz" },
		{ 64 + 8, 8, 0x10000, "offset beyond file" }, { 64 + 8, 8, 0x1004, "offset/vaddr" },
		{ 64 + 56 + 16, 8, 0x40010800, "segments share a page" },
		{ 64 + 56 + 32, 8, 0x10000, "data beyond file" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		build();
		put(img + bad[i].off, bad[i].v, bad[i].n);
		if (parse() != -ENOEXEC)
			fail_msg("accepted a bad executable: %s", bad[i].what);
	}
	build();
	struct elf_image im;
	assert_int_equal(elf_parse(img, 40, sizeof(img), LO, HI, &im), -ENOEXEC); /* short */
	assert_int_equal(elf_parse(NULL, 0, 0, LO, HI, &im), -ENOEXEC);
}

static void test_random_bytes(void **state)
{
	(void)state;
	uint64_t x = 88172645463325252ULL;
	for (int round = 0; round < 20000; round++) {
		build();
		for (int k = 0; k < 4; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			img[(x >> 8) % 200] ^= (uint8_t)(1u << (x % 8));
		}
		struct elf_image im;
		if (elf_parse(img, sizeof(img), sizeof(img), LO, HI, &im) == 0) {
			for (int s = 0; s < im.nseg; s++) { /* whatever passes is sound */
				assert_true(im.seg[s].vaddr >= LO);
				assert_true(im.seg[s].vaddr + im.seg[s].memsz <= HI);
				assert_true(im.seg[s].off + im.seg[s].filesz <= sizeof(img));
				assert_true(im.seg[s].filesz <= im.seg[s].memsz);
			}
		}
	}
}

static void test_real_program(void **state)
{
	(void)state;
	const char *path = getenv("KERNEL_TEST_ELF");
	if (!path)
		skip();
	FILE *f = fopen(path, "rb");
	if (!f)
		skip();
	static uint8_t buf[1 << 20];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	struct elf_image im;
	assert_int_equal(elf_parse(buf, n < 4096 ? n : 4096, n, LO, HI, &im), 0);
	assert_true(im.nseg >= 1);
	assert_int_equal(im.seg[0].vaddr, 0x40010000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_real_program),
	};
	return cmocka_run_group_tests_name("elf", tests, NULL, NULL);
}
