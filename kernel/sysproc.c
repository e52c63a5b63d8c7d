/* Process and memory system calls (see syscall.h). */
#include "cell.h"
#include "console.h"
#include "cpu.h"
#include "errno.h"
#include "exec.h"
#include "file.h"
#include "fs.h"
#include "mem.h"
#include "printf.h"
#include "proc.h"
#include "riscv.h"
#include "sbi.h"
#include "stats.h"
#include "syscall.h"
#include "vm.h"

long sys_exit(uint64_t *a)
{
	proc_exit(W_EXITCODE((int)a[0]));
}

long sys_fork(uint64_t *a)
{
	UNUSED(a);
	return proc_fork();
}

long sys_wait(uint64_t *a)
{
	if (a[2] & ~(uint64_t)WNOHANG)
		return -EINVAL;
	return proc_wait((int)a[0], a[1], (int)a[2]);
}

long sys_kill(uint64_t *a)
{
	if ((long)a[0] <= 0)
		return -EINVAL;
	return proc_kill((int)a[0]);
}

long sys_getpid(uint64_t *a)
{
	UNUSED(a);
	return myproc()->pid;
}

long sys_getppid(uint64_t *a)
{
	UNUSED(a);
	struct proc *parent = myproc()->parent;
	return parent ? parent->pid : 0;
}

long sys_sbrk(uint64_t *a)
{
	return vm_sbrk(myproc()->vs, (long)a[0]);
}

long sys_mmap(uint64_t *a)
{
	uint64_t addr = a[0], len = a[1], off = a[5];
	int prot = (int)a[2], flags = (int)a[3];
	long fd = (long)a[4];
	int share = flags & (MAP_SHARED | MAP_PRIVATE);
	if ((flags & ~(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS)) ||
	    (share != MAP_SHARED && share != MAP_PRIVATE) || len == 0 ||
	    (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	struct vmspace *vs = myproc()->vs;
	if (flags & MAP_ANONYMOUS) {
		if (share == MAP_PRIVATE)
			return vm_mmap(vs, addr, len, prot, flags, NULL, 0);
		if (len > FS_MAX_FILE)
			return -ENOMEM;
		struct inode *ip = fs_anon(PG_ROUNDUP(len));
		if (!ip)
			return -ENOMEM;
		long r = vm_mmap(vs, addr, len, prot, flags, ip, 0);
		inode_put(ip);
		return r;
	}
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	if (f->kind != F_INODE || f->ip->type != T_FILE)
		return -EINVAL; /* ENODEV in POSIX */
	if ((off & (PAGE_SIZE - 1)) || off > FS_MAX_FILE || len > FS_MAX_FILE)
		return -EINVAL;
	if (!f->readable || (share == MAP_SHARED && (prot & PROT_WRITE) && !f->writable))
		return -EPERM;
	return vm_mmap(vs, addr, len, prot, flags, f->ip, off);
}

long sys_munmap(uint64_t *a)
{
	return vm_munmap(myproc()->vs, a[0], a[1]);
}

long sys_sleep(uint64_t *a)
{
	return proc_sleep_ms(a[0]);
}

long sys_uptime(uint64_t *a)
{
	UNUSED(a);
	return (long)(rdtime() / (cell.timebase / 1000));
}

long sys_yield(uint64_t *a)
{
	UNUSED(a);
	proc_yield();
	return 0;
}

long sys_shutdown(uint64_t *a)
{
	if (myproc()->pid != 1)
		return -EPERM;
	if (a[0] == 2) /* a test of the panic path, asked for by init */
		panic("init asked for a panic (test of the panic path)");
	stats_print();
	kprintf("hive: cell %u powering off (%s)\n", cell.id, a[0] ? "failure" : "all passed");
	sbi_shutdown(a[0] ? SBI_SRST_REASON_FAILURE : SBI_SRST_REASON_NONE);
}

long sys_sysinfo(uint64_t *a)
{
	struct sysinfo si = { 0 };
	si.cell_id = cell.id;
	si.cells = cell.ncells;
	si.nodes = cell.nnodes;
	si.harts = (unsigned)ncpus;
	si.hart = (unsigned)mycpu()->hartid;
	si.free_frames = mem_free_frames();
	si.total_frames = mem_total_frames();
	si.ticks = ticks;
	si.tick_hz = TICK_HZ;
	si.timebase = cell.timebase;
	si.nprocs = (unsigned)proc_count();
	si.asids = tlb_have_asids;
	si.kernel_cycle = boot_kernel_cycle;
	si.init_cycle = boot_init_cycle;
	return copyout(a[0], &si, sizeof(si));
}

long sys_consready(uint64_t *a)
{
	UNUSED(a);
	return console_input_pending();
}

long sys_exec(uint64_t *a)
{
	char path[MAXPATH];
	int r = copyinstr(path, a[0], sizeof(path));
	if (r < 0)
		return r;
	struct pfdat *sp = frame_alloc(FT_KERNEL);
	if (!sp)
		return -ENOMEM;
	char *strs = pfdat_kva(sp), *argv[MAXARG + 1];
	size_t used = 0;
	int argc = 0;
	for (;; argc++) {
		uint64_t uptr;
		if (argc > MAXARG) {
			r = -E2BIG;
			break;
		}
		if (copyin(&uptr, a[1] + (uint64_t)argc * 8, 8) < 0) {
			r = -EFAULT;
			break;
		}
		if (!uptr) {
			argv[argc] = NULL;
			r = 0;
			break;
		}
		if (argc == MAXARG) {
			r = -E2BIG;
			break;
		}
		int n = copyinstr(strs + used, uptr, PAGE_SIZE - used);
		if (n < 0) {
			r = n == -ENAMETOOLONG ? -E2BIG : n;
			break;
		}
		argv[argc] = strs + used;
		used += (size_t)n + 1;
	}
	if (r == 0)
		r = exec_kernel(path, argv);
	frame_put(sp);
	return r == 0 ? (long)myproc()->tf->regs[10] : r;
}
