/* exec (see exec.h). */
#include "elf.h"
#include "errno.h"
#include "exec.h"
#include "fs.h"
#include "kstring.h"
#include "mem.h"
#include "param.h"
#include "proc.h"
#include "riscv.h"
#include "vm.h"

static int build(struct inode *ip, struct vmspace *vs, char *const argv[], uint64_t *entry,
		 uint64_t *usp, uint64_t *uargv, int *argc)
{
	struct pfdat *hp = frame_alloc(FT_KERNEL);
	if (!hp)
		return -ENOMEM;
	uint8_t *hdr = pfdat_kva(hp);
	uint64_t size = inode_size(ip);
	long n = fs_read(ip, (uint64_t)hdr, false, 0, MIN(size, PAGE_SIZE));
	struct elf_image im;
	int r = n < 0 ? (int)n : elf_parse(hdr, (size_t)n, size, USER_BASE, USER_MMAP_TOP, &im);
	frame_put(hp);
	if (r)
		return r;
	uint64_t top = 0;
	for (int i = 0; i < im.nseg; i++) {
		struct elf_seg *s = &im.seg[i];
		uint64_t start = PG_ROUNDDOWN(s->vaddr), end = PG_ROUNDUP(s->vaddr + s->memsz);
		r = vm_map(vs, start, end - start, s->prot, VMA_FILE, ip, PG_ROUNDDOWN(s->off),
			   s->vaddr + s->filesz);
		if (r)
			return r;
		top = MAX(top, end);
	}
	vs->heap_start = vs->brk = top;
	r = vm_map(vs, USER_TOP - USER_STACK_MAX, USER_STACK_MAX, PROT_READ | PROT_WRITE,
		   VMA_STACK, NULL, 0, 0);
	if (r)
		return r;
	/* the arguments: strings at the top, then the argv array, 16-byte aligned */
	uint64_t sp = USER_TOP, ptrs[MAXARG + 1];
	int c = 0;
	for (; argv[c]; c++) {
		if (c >= MAXARG)
			return -E2BIG;
		size_t len = strlen(argv[c]) + 1;
		sp = (sp - len) & ~7UL;
		if (sp < USER_TOP - 64 * 1024)
			return -E2BIG;
		if (copyout_vs(vs, sp, argv[c], len) < 0)
			return -ENOMEM;
		ptrs[c] = sp;
	}
	ptrs[c] = 0;
	sp -= (uint64_t)(c + 1) * sizeof(uint64_t);
	sp &= ~15UL;
	if (copyout_vs(vs, sp, ptrs, (uint64_t)(c + 1) * sizeof(uint64_t)) < 0)
		return -ENOMEM;
	*entry = im.entry;
	*usp = sp;
	*uargv = sp;
	*argc = c;
	return 0;
}

int exec_kernel(const char *path, char *const argv[])
{
	struct proc *p = myproc();
	int err;
	struct inode *ip = fs_lookup(p->cwd, path, &err);
	if (!ip)
		return err;
	if (ip->type != T_FILE) {
		inode_put(ip);
		return -EISDIR;
	}
	struct vmspace *vs = vm_create();
	if (!vs) {
		inode_put(ip);
		return -ENOMEM;
	}
	uint64_t entry = 0, sp = 0, uargv = 0;
	int argc = 0;
	int r = build(ip, vs, argv, &entry, &sp, &uargv, &argc);
	inode_put(ip);
	if (r) {
		vm_destroy(vs);
		return r;
	}
	struct vmspace *old = p->vs;
	push_off();
	p->vs = vs;
	vm_activate(vs);
	pop_off();
	vm_destroy(old);
	__atomic_add_fetch(&vm_icache_gen, 1, __ATOMIC_RELEASE);
	struct trapframe *tf = p->tf;
	memset(tf->regs, 0, sizeof(tf->regs));
	tf->sepc = entry;
	tf->regs[2] = sp;
	tf->regs[10] = (uint64_t)argc;
	tf->regs[11] = uargv;
	const char *last = path, *s;
	for (s = path; *s; s++)
		if (*s == '/')
			last = s + 1;
	strncpy(p->name, last, sizeof(p->name) - 1);
	p->name[sizeof(p->name) - 1] = 0;
	return 0;
}
