/* System-call dispatch (see syscall.h). */
#include "errno.h"
#include "param.h"
#include "proc.h"
#include "syscall.h"
#include "uapi.h"

typedef long (*sysfn)(uint64_t *a);

static const sysfn table[SYS_nsyscalls] = {
	[SYS_exit] = sys_exit,       [SYS_fork] = sys_fork,       [SYS_wait] = sys_wait,
	[SYS_kill] = sys_kill,       [SYS_getpid] = sys_getpid,   [SYS_getppid] = sys_getppid,
	[SYS_sbrk] = sys_sbrk,       [SYS_mmap] = sys_mmap,       [SYS_munmap] = sys_munmap,
	[SYS_pipe] = sys_pipe,       [SYS_read] = sys_read,       [SYS_write] = sys_write,
	[SYS_open] = sys_open,       [SYS_close] = sys_close,     [SYS_dup] = sys_dup,
	[SYS_fstat] = sys_fstat,     [SYS_mkdir] = sys_mkdir,     [SYS_unlink] = sys_unlink,
	[SYS_chdir] = sys_chdir,     [SYS_exec] = sys_exec,       [SYS_sleep] = sys_sleep,
	[SYS_uptime] = sys_uptime,   [SYS_lseek] = sys_lseek,     [SYS_yield] = sys_yield,
	[SYS_shutdown] = sys_shutdown, [SYS_sysinfo] = sys_sysinfo,
	[SYS_consready] = sys_consready, [SYS_dup2] = sys_dup2,   [SYS_getcwd] = sys_getcwd,
	[SYS_getdents] = sys_getdents, [SYS_ftruncate] = sys_ftruncate,
	[SYS_getdatahome] = sys_getdatahome,
};

void syscall_dispatch(struct trapframe *tf)
{
	uint64_t num = tf->regs[17];
	long r = -ENOSYS;
	if (num < SYS_nsyscalls && table[num])
		r = table[num](&tf->regs[10]);
	tf->regs[10] = (uint64_t)r;
}

struct file *fd_get(long fd)
{
	if (fd < 0 || fd >= NOFILE)
		return NULL;
	return myproc()->ofile[fd];
}
