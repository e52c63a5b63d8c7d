/*
 * The kernel/user interface of the Hive cell kernel: system-call numbers, error numbers,
 * flags and the structures that cross the boundary. Included by the kernel and by user/.
 *
 * Calling convention: ecall with the number in a7, arguments in a0..a5; the result comes back
 * in a0, a negative error number (-EFAULT ...) on failure.
 */
#ifndef HIVE_UAPI_H
#define HIVE_UAPI_H

#define SYS_exit 1
#define SYS_fork 2
#define SYS_wait 3      /* wait(pid or -1, int *status, options) */
#define SYS_kill 4
#define SYS_getpid 5
#define SYS_getppid 6
#define SYS_sbrk 7
#define SYS_mmap 8      /* mmap(addr, len, prot, flags, fd, off) */
#define SYS_munmap 9
#define SYS_pipe 10
#define SYS_read 11
#define SYS_write 12
#define SYS_open 13
#define SYS_close 14
#define SYS_dup 15
#define SYS_fstat 16
#define SYS_mkdir 17
#define SYS_unlink 18
#define SYS_chdir 19
#define SYS_exec 20     /* exec(path, argv) */
#define SYS_sleep 21    /* sleep(milliseconds) */
#define SYS_uptime 22   /* milliseconds since boot */
#define SYS_lseek 23
#define SYS_yield 24
#define SYS_shutdown 25 /* shutdown(0 all passed, 1 failure, 2 panic test): init only */
#define SYS_sysinfo 26  /* sysinfo(struct sysinfo *) */
#define SYS_consready 27 /* 1 if console input has arrived */
#define SYS_dup2 28
#define SYS_getcwd 29
#define SYS_getdents 30 /* getdents(fd, struct dirent *, bytes) */
#define SYS_ftruncate 31
#define SYS_getdatahome 32 /* getdatahome(fd): the data home cell of an open file */
#define SYS_nsyscalls 33

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENFILE 23
#define EMFILE 24
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EPIPE 32
#define ERANGE 34
#define ENAMETOOLONG 36
#define ENOSYS 38
#define ENOTEMPTY 39

/* open flags */
#define O_RDONLY 0x000
#define O_WRONLY 0x001
#define O_RDWR 0x002
#define O_ACCMODE 0x003
#define O_CREAT 0x040
#define O_TRUNC 0x200
#define O_APPEND 0x400

/* mmap */
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FAILED ((void *)-1)

/* wait options */
#define WNOHANG 1

/* lseek */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* exit status as wait reports it: (code & 0xff) << 8 for exit(code), the signal-like cause
 * for a process the kernel killed (9: kill, 11: bad memory access, 4: illegal instruction) */
#ifndef W_EXITCODE
#define W_EXITCODE(code) (((code) & 0xff) << 8)
#endif
#ifndef WIFEXITED
#define WIFEXITED(s) (((s) & 0x7f) == 0)
#endif
#ifndef WEXITSTATUS
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#endif
#ifndef WTERMSIG
#define WTERMSIG(s) ((s) & 0x7f)
#endif
#define SIGKILL 9
#define SIGILL 4
#define SIGSEGV 11

#define T_DIR 1
#define T_FILE 2
#define T_DEV 3
#define T_PIPE 4

#ifndef __ASSEMBLER__
struct stat {
	unsigned int ino;
	unsigned short type;
	unsigned short nlink;
	unsigned long size;
	unsigned int data_home; /* cell that owns the file's data (paper section 5) */
	unsigned int gen;       /* generation number */
};

#define DIRNAME 28
struct dirent {
	unsigned int ino; /* 0: free slot */
	char name[DIRNAME]; /* NUL-terminated unless all 28 bytes are used */
};

struct sysinfo {
	unsigned int cell_id, cells, nodes, harts; /* harts of this cell */
	unsigned int hart;       /* the hart the caller runs on now */
	unsigned long free_frames, total_frames;
	unsigned long ticks, tick_hz;
	unsigned long timebase;  /* Hz of rdtime */
	unsigned int nprocs;
	unsigned int asids;      /* 1 if the MMU has ASIDs */
	unsigned long kernel_cycle; /* cycle counter of the boot hart at kernel entry */
	unsigned long init_cycle;   /* ... and when init started */
};

#endif /* __ASSEMBLER__ */

#endif
