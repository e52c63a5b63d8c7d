/* Unit tests: user address spaces (kernel/vm.c): demand paging, the page-cache fault path,
 * copy-on-write fork, munmap splitting, sbrk, user copies, and that nothing leaks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cpu.h"
#include "errno.h"
#include "fs.h"
#include "host.h"
#include "kalloc.h"
#include "mem.h"
#include "pagecache.h"
#include "param.h"
#include "proc.h"
#include "riscv.h"
#include "vm.h"

/* what vm.c needs from the rest of the kernel */
pagetable_t kernel_root;
bool tlb_have_asids;
uint64_t tlb_shootdowns, tlb_remote_shootdowns;
int asid_alloc(void) { return 0; }
void asid_free(int asid) { (void)asid; }
void tlb_shootdown(struct vmspace *vs, uint64_t va, uint64_t len)
{
	(void)vs;
	(void)va;
	(void)len;
	tlb_shootdowns++;
}

#define UA 0x40100000ULL

static int setup(void **state)
{
	(void)state;
	host_mem_init(1024, 0x100000000ULL);
	mem_init_frames();
	kalloc_init();
	fs_init();
	kernel_root = pt_create();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	host_mem_free();
	return 0;
}

static pte_t pte_of(struct vmspace *vs, uint64_t va)
{
	pte_t *p = pt_walk(vs->root, va, false);
	return p ? *p : 0;
}

static void test_anon_demand(void **state)
{
	(void)state;
	uint64_t free0 = mem_free_frames();
	struct vmspace *vs = vm_create();
	assert_non_null(vs);
	assert_int_equal(vm_map(vs, UA, 4 * 4096, PROT_READ | PROT_WRITE, 0, NULL, 0, 0), 0);
	assert_int_equal(vm_map(vs, UA + 4096, 4096, PROT_READ, 0, NULL, 0, 0), -EEXIST);
	assert_int_equal(vm_map(vs, 0x1000, 4096, PROT_READ, 0, NULL, 0, 0), -EINVAL);
	assert_int_equal(pte_of(vs, UA), 0); /* nothing until touched */
	assert_int_equal(vm_fault(vs, UA + 5, VM_WRITE), 0);
	pte_t p = pte_of(vs, UA);
	assert_true((p & PTE_V) && (p & PTE_W) && (p & PTE_U));
	assert_int_equal(vm_fault(vs, UA + 8 * 4096, VM_READ), -EFAULT); /* no region */
	assert_int_equal(vm_fault(vs, UA, VM_EXEC), -EFAULT);           /* not executable */
	assert_int_equal(vm_fault(vs, 0x80200000, VM_READ), -EFAULT);   /* kernel */
	char buf[6000], out[6000];
	for (int i = 0; i < 6000; i++)
		buf[i] = (char)i;
	assert_int_equal(copyout_vs(vs, UA + 3000, buf, 6000), 0); /* crosses pages */
	assert_int_equal(copyin_vs(vs, out, UA + 3000, 6000), 0);
	assert_memory_equal(buf, out, 6000);
	assert_int_equal(copyin_vs(vs, out, UA + 4 * 4096 - 10, 20), -EFAULT);
	assert_int_equal(copyin_vs(vs, out, 0x7ffffff0, 64), -EFAULT);
	assert_int_equal(vs->resident, 4); /* the failed copy faulted page 3 in first */
	vm_destroy(vs);
	assert_int_equal(mem_free_frames() + 2 >= free0, 1); /* slab frames may stay */
}

static void test_fork_cow(void **state)
{
	(void)state;
	struct vmspace *p = vm_create();
	vm_map(p, UA, 2 * 4096, PROT_READ | PROT_WRITE, 0, NULL, 0, 0);
	copyout_vs(p, UA, "parent", 7);
	copyout_vs(p, UA + 4096, "second", 7);
	struct pfdat *pd = pfdat_of(PTE_PA(pte_of(p, UA)));
	uint64_t shoot = tlb_shootdowns;
	struct vmspace *c = vm_fork(p);
	assert_non_null(c);
	assert_true(tlb_shootdowns > shoot); /* the parent lost write access */
	assert_int_equal(frame_refcnt(pd), 2);
	assert_true(pte_of(p, UA) & PTE_COW);
	assert_false(pte_of(p, UA) & PTE_W);
	assert_int_equal(PTE_PA(pte_of(c, UA)), PTE_PA(pte_of(p, UA)));
	/* the child writes: it gets a copy, the parent keeps the original */
	assert_int_equal(copyout_vs(c, UA, "child!", 7), 0);
	assert_int_not_equal(PTE_PA(pte_of(c, UA)), PTE_PA(pte_of(p, UA)));
	assert_int_equal(frame_refcnt(pd), 1);
	char s[8];
	copyin_vs(p, s, UA, 7);
	assert_string_equal(s, "parent");
	copyin_vs(c, s, UA, 7);
	assert_string_equal(s, "child!");
	/* the parent is now the only user: a write takes the page without copying */
	assert_int_equal(vm_fault(p, UA, VM_WRITE), 0);
	assert_ptr_equal(pfdat_of(PTE_PA(pte_of(p, UA))), pd);
	assert_true(pte_of(p, UA) & PTE_W);
	copyin_vs(c, s, UA + 4096, 7);
	assert_string_equal(s, "second");
	vm_destroy(c);
	vm_destroy(p);
}

static void test_file_mappings(void **state)
{
	(void)state;
	int err;
	struct inode *ip = fs_create(NULL, "/mapped", T_FILE, true, &err);
	assert_non_null(ip);
	char data[3 * 4096];
	for (int i = 0; i < (int)sizeof(data); i++)
		data[i] = (char)('a' + i % 26);
	fs_write(ip, (uint64_t)data, false, 0, sizeof(data));
	struct vmspace *a = vm_create(), *b = vm_create();
	long sa = vm_mmap(a, 0, sizeof(data), PROT_READ | PROT_WRITE, MAP_SHARED, ip, 0);
	long sb = vm_mmap(b, 0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, ip, 4096);
	assert_true(sa > 0 && sb > 0);
	/* the quick fault: the mapping is the page-cache page itself */
	uint64_t hits = pagecache_hits;
	assert_int_equal(vm_fault(a, (uint64_t)sa + 4096, VM_READ), 0);
	assert_true(pagecache_hits > hits);
	struct pfdat *cached = pagecache_get(ip, 1, false);
	assert_ptr_equal(pfdat_of(PTE_PA(pte_of(a, (uint64_t)sa + 4096))), cached);
	frame_put(cached);
	/* a write through one process's mapping shows in the other's and in the file */
	assert_int_equal(copyout_vs(b, (uint64_t)sb, "X", 1), 0);
	char c;
	copyin_vs(a, &c, (uint64_t)sa + 4096, 1);
	assert_int_equal(c, 'X');
	fs_read(ip, (uint64_t)&c, false, 4096, 1);
	assert_int_equal(c, 'X');
	/* past the end of the file: no page */
	long big = vm_mmap(a, 0, 8 * 4096, PROT_READ, MAP_SHARED, ip, 0);
	assert_int_equal(vm_fault(a, (uint64_t)big + 5 * 4096, VM_READ), -EFAULT);
	/* a private window with data ending mid-page (exec's data + bss) */
	uint64_t w = 0x40400000;
	assert_int_equal(vm_map(a, w, 3 * 4096, PROT_READ | PROT_WRITE, VMA_FILE, ip, 0,
				w + 4096 + 100), 0);
	assert_int_equal(vm_fault(a, w, VM_READ), 0);
	assert_true(pte_of(a, w) & PTE_COW);                    /* cached page, read-only */
	assert_int_equal(vm_fault(a, w + 4096, VM_READ), 0);   /* straddles: a copy */
	char tail[200];
	copyin_vs(a, tail, w + 4096, 200);
	assert_int_equal(tail[0], 'X');
	assert_int_equal(tail[99], data[4096 + 99]);
	assert_int_equal(tail[100], 0);                          /* zero past file_end */
	copyin_vs(a, tail, w + 2 * 4096, 10);
	assert_int_equal(tail[5], 0);                            /* all zero */
	assert_int_equal(copyout_vs(a, w + 10, "priv", 4), 0);   /* private: file untouched */
	fs_read(ip, (uint64_t)tail, false, 10, 4);
	assert_memory_not_equal(tail, "priv", 4);
	vm_destroy(a);
	vm_destroy(b);
	assert_int_equal(fs_unlink(NULL, "/mapped"), 0);
	inode_put(ip);
}

static void test_munmap_sbrk(void **state)
{
	(void)state;
	struct vmspace *vs = vm_create();
	long m = vm_mmap(vs, 0, 5 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, NULL, 0);
	assert_true(m > 0);
	for (int i = 0; i < 5; i++)
		assert_int_equal(vm_fault(vs, (uint64_t)m + i * 4096, VM_WRITE), 0);
	assert_int_equal(vm_munmap(vs, (uint64_t)m + 4096, 2 * 4096), 0); /* split in two */
	assert_int_equal(vm_fault(vs, (uint64_t)m + 4096, VM_READ), -EFAULT);
	assert_int_equal(vm_fault(vs, (uint64_t)m, VM_READ), 0);
	assert_int_equal(vm_fault(vs, (uint64_t)m + 4 * 4096, VM_READ), 0);
	assert_int_equal(vs->resident, 3);
	assert_int_equal(vm_munmap(vs, (uint64_t)m + 1, 4096), -EINVAL);
	assert_int_equal(vm_munmap(vs, 0x80000000, 4096), -EINVAL);
	long f = vm_mmap(vs, 0x50000000, 4096, PROT_READ, MAP_PRIVATE | MAP_FIXED, NULL, 0);
	assert_int_equal(f, 0x50000000);
	vs->heap_start = vs->brk = 0x40200000;
	assert_int_equal(vm_sbrk(vs, 10000), 0x40200000);
	assert_int_equal(vm_fault(vs, 0x40200000 + 9999, VM_WRITE), 0);
	assert_int_equal(vm_sbrk(vs, 0), 0x40200000 + 10000);
	assert_int_equal(vm_sbrk(vs, -10000), 0x40200000 + 10000);
	assert_int_equal(vm_fault(vs, 0x40200000, VM_READ), -EFAULT);
	assert_int_equal(vm_sbrk(vs, -1), -ENOMEM);
	assert_int_equal(vm_sbrk(vs, 1L << 40), -ENOMEM);
	vm_destroy(vs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_anon_demand),
		cmocka_unit_test(test_fork_cow),
		cmocka_unit_test(test_file_mappings),
		cmocka_unit_test(test_munmap_sbrk),
	};
	return cmocka_run_group_tests_name("vm", tests, setup, teardown);
}
