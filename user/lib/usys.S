/* System-call stubs: number in a7, result in a0 (a negative error number on failure). */
#include "../../kernel/uapi.h"

	.macro SYSCALL name, num
	.globl	sys_\name
sys_\name:
	li	a7, \num
	ecall
	ret
	.endm

	.text
	SYSCALL exit, SYS_exit
	SYSCALL fork, SYS_fork
	SYSCALL wait, SYS_wait
	SYSCALL kill, SYS_kill
	SYSCALL getpid, SYS_getpid
	SYSCALL getppid, SYS_getppid
	SYSCALL sbrk, SYS_sbrk
	SYSCALL mmap, SYS_mmap
	SYSCALL munmap, SYS_munmap
	SYSCALL pipe, SYS_pipe
	SYSCALL read, SYS_read
	SYSCALL write, SYS_write
	SYSCALL open, SYS_open
	SYSCALL close, SYS_close
	SYSCALL dup, SYS_dup
	SYSCALL dup2, SYS_dup2
	SYSCALL fstat, SYS_fstat
	SYSCALL mkdir, SYS_mkdir
	SYSCALL unlink, SYS_unlink
	SYSCALL chdir, SYS_chdir
	SYSCALL exec, SYS_exec
	SYSCALL sleep, SYS_sleep
	SYSCALL uptime, SYS_uptime
	SYSCALL lseek, SYS_lseek
	SYSCALL yield, SYS_yield
	SYSCALL shutdown, SYS_shutdown
	SYSCALL sysinfo, SYS_sysinfo
	SYSCALL consready, SYS_consready
	SYSCALL getcwd, SYS_getcwd
	SYSCALL getdents, SYS_getdents
	SYSCALL ftruncate, SYS_ftruncate
	SYSCALL getdatahome, SYS_getdatahome

/* long syscall6(long num, a0..a5): any call by number (the fuzzer) */
	.globl	syscall6
syscall6:
	mv	a7, a0
	mv	a0, a1
	mv	a1, a2
	mv	a2, a3
	mv	a3, a4
	mv	a4, a5
	mv	a5, a6
	ecall
	ret
