/*
 * System calls: numbers and conventions in uapi.h. The dispatcher checks the number; every
 * handler checks its arguments (user pointers go through copyin/copyout, descriptors through
 * fd_get) and returns a negative error number rather than trusting anything.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "types.h"

struct trapframe;
struct file;

void syscall_dispatch(struct trapframe *tf);
/* the current process's open file for fd, or NULL */
struct file *fd_get(long fd);

long sys_exit(uint64_t *a);
long sys_fork(uint64_t *a);
long sys_wait(uint64_t *a);
long sys_kill(uint64_t *a);
long sys_getpid(uint64_t *a);
long sys_getppid(uint64_t *a);
long sys_sbrk(uint64_t *a);
long sys_mmap(uint64_t *a);
long sys_munmap(uint64_t *a);
long sys_sleep(uint64_t *a);
long sys_uptime(uint64_t *a);
long sys_yield(uint64_t *a);
long sys_shutdown(uint64_t *a);
long sys_sysinfo(uint64_t *a);
long sys_consready(uint64_t *a);
long sys_exec(uint64_t *a);
long sys_pipe(uint64_t *a);
long sys_read(uint64_t *a);
long sys_write(uint64_t *a);
long sys_open(uint64_t *a);
long sys_close(uint64_t *a);
long sys_dup(uint64_t *a);
long sys_dup2(uint64_t *a);
long sys_fstat(uint64_t *a);
long sys_mkdir(uint64_t *a);
long sys_unlink(uint64_t *a);
long sys_chdir(uint64_t *a);
long sys_lseek(uint64_t *a);
long sys_getcwd(uint64_t *a);
long sys_getdents(uint64_t *a);
long sys_ftruncate(uint64_t *a);
long sys_getdatahome(uint64_t *a);

#endif
