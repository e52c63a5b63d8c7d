/* Unit tests: the in-memory file system and the page cache (kernel/fs.c, pagecache.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cell.h"
#include "errno.h"
#include "fs.h"
#include "host.h"
#include "kalloc.h"
#include "mem.h"
#include "pagecache.h"

static int setup(void **state)
{
	(void)state;
	host_mem_init(512, 0);
	mem_init_frames();
	kalloc_init();
	cell.id = 3; /* files record their data home cell */
	fs_init();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	host_mem_free();
	return 0;
}

static long rd(struct inode *ip, void *buf, uint64_t off, size_t n)
{
	return fs_read(ip, (uint64_t)buf, false, off, n);
}

static long wr(struct inode *ip, const void *buf, uint64_t off, size_t n)
{
	return fs_write(ip, (uint64_t)buf, false, off, n);
}

static void test_create_rw(void **state)
{
	(void)state;
	int err;
	struct inode *d = fs_create(NULL, "/dir", T_DIR, true, &err);
	assert_non_null(d);
	struct inode *f = fs_create(NULL, "/dir/file", T_FILE, true, &err);
	assert_non_null(f);
	assert_int_equal(f->data_home, 3);
	assert_null(fs_create(NULL, "/dir/file", T_FILE, true, &err));
	assert_int_equal(err, -EEXIST);
	struct inode *again = fs_create(NULL, "/dir/file", T_FILE, false, &err); /* O_CREAT */
	assert_ptr_equal(again, f);
	inode_put(again);
	char buf[10000], out[10000];
	for (int i = 0; i < 10000; i++)
		buf[i] = (char)(i * 31);
	assert_int_equal(wr(f, buf, 0, 10000), 10000);
	assert_int_equal(inode_size(f), 10000);
	assert_int_equal(f->npages, 3);
	assert_int_equal(rd(f, out, 0, 10000), 10000);
	assert_memory_equal(buf, out, 10000);
	assert_int_equal(rd(f, out, 9990, 100), 10); /* short read at the end */
	assert_int_equal(rd(f, out, 20000, 100), 0);
	/* a hole reads as zeros and takes no page */
	assert_int_equal(wr(f, "x", 100000, 1), 1);
	assert_int_equal(f->npages, 4);
	assert_int_equal(rd(f, out, 50000, 10), 10);
	for (int i = 0; i < 10; i++)
		assert_int_equal(out[i], 0);
	/* the page cache finds pages by (file, offset) */
	struct pfdat *pd = pagecache_get(f, 1, false);
	assert_non_null(pd);
	assert_ptr_equal(pd->obj, f);
	assert_int_equal(pd->type, FT_PAGECACHE);
	assert_int_equal(((char *)pfdat_kva(pd))[0], buf[4096]);
	frame_put(pd);
	assert_null(pagecache_get(f, 7, false));
	/* truncate drops pages past the end and zeroes the tail */
	assert_int_equal(fs_truncate(f, 5000), 0);
	assert_int_equal(f->npages, 2);
	assert_int_equal(rd(f, out, 4990, 100), 10);
	assert_int_equal(wr(f, buf, 0, 0), 0);
	assert_int_equal(fs_write(d, (uint64_t)buf, false, 0, 1), -EISDIR);
	assert_int_equal(wr(f, buf, FS_MAX_FILE, 1), -EFBIG);
	struct stat st;
	fs_stat(f, &st);
	assert_int_equal(st.size, 5000);
	assert_int_equal(st.type, T_FILE);
	assert_int_equal(st.data_home, 3);
	inode_put(f);
	inode_put(d);
}

static void test_lookup_unlink(void **state)
{
	(void)state;
	int err;
	uint64_t free0 = mem_free_frames(), inodes0 = fs_ninodes();
	struct inode *d = fs_create(NULL, "/a", T_DIR, true, &err);
	struct inode *e = fs_create(d, "b", T_DIR, true, &err); /* relative to a directory */
	struct inode *f = fs_create(NULL, "/a/b/c", T_FILE, true, &err);
	assert_non_null(f);
	wr(f, "data", 0, 4);
	struct inode *g = fs_lookup(NULL, "/a/./b/../b/c", &err);
	assert_ptr_equal(g, f);
	inode_put(g);
	assert_null(fs_lookup(NULL, "/a/b/c/d", &err));
	assert_int_equal(err, -ENOTDIR);
	assert_null(fs_lookup(NULL, "/a/x", &err));
	assert_int_equal(err, -ENOENT);
	assert_null(fs_lookup(NULL, "", &err));
	assert_null(fs_lookup(NULL, "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &err));
	assert_int_equal(err, -ENAMETOOLONG);
	g = fs_lookup(NULL, "/", &err);
	assert_ptr_equal(g, fs_root);
	inode_put(g);
	assert_int_equal(fs_unlink(NULL, "/a/b"), -ENOTEMPTY);
	assert_int_equal(fs_unlink(NULL, "/a/b/."), -EINVAL);
	assert_int_equal(fs_unlink(NULL, "/a/b/c"), 0);
	assert_int_equal(fs_unlink(NULL, "/a/b/c"), -ENOENT);
	/* still referenced: the data stays until the last reference goes */
	char out[4];
	assert_int_equal(rd(f, out, 0, 4), 4);
	assert_memory_equal(out, "data", 4);
	inode_put(f);
	assert_int_equal(fs_unlink(NULL, "/a/b"), 0);
	assert_null(fs_create(e, "x", T_FILE, true, &err)); /* in a removed directory */
	assert_int_equal(err, -ENOENT);
	inode_put(e);
	assert_int_equal(fs_unlink(NULL, "/a"), 0);
	inode_put(d);
	assert_int_equal(fs_ninodes(), inodes0);
	assert_true(mem_free_frames() >= free0 - 1); /* slab frames may stay with kalloc */
}

static void test_anon_and_many(void **state)
{
	(void)state;
	struct inode *a = fs_anon(3 * 4096);
	assert_non_null(a);
	assert_int_equal(inode_size(a), 3 * 4096);
	struct pfdat *pd = pagecache_get(a, 2, true);
	assert_non_null(pd);
	frame_put(pd);
	inode_put(a); /* no links: freed with its pages */
	int err;
	char name[32];
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "/f%d", i);
		struct inode *f = fs_create(NULL, name, T_FILE, true, &err);
		assert_non_null(f);
		inode_put(f);
	}
	struct inode *f = fs_lookup(NULL, "/f199", &err);
	assert_non_null(f);
	inode_put(f);
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "/f%d", i);
		assert_int_equal(fs_unlink(NULL, name), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_rw),
		cmocka_unit_test(test_lookup_unlink),
		cmocka_unit_test(test_anon_and_many),
	};
	return cmocka_run_group_tests_name("fs", tests, setup, teardown);
}
