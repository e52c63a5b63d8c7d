/*
 * The small user C library of the Hive cell kernel: system calls (sys_* return the kernel's
 * negative error; the POSIX-style wrappers return -1 and set errno), strings, memory,
 * formatted output, a heap on sbrk, and cycle counters.
 */
#ifndef HIVE_ULIB_H
#define HIVE_ULIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "../../kernel/uapi.h"

#define NULL_FD (-1)
extern int errno;

/* raw system calls */
long sys_exit(long code) __attribute__((noreturn));
long sys_fork(void);
long sys_wait(long pid, int *status, long options);
long sys_kill(long pid);
long sys_getpid(void);
long sys_getppid(void);
long sys_sbrk(long incr);
long sys_mmap(void *addr, size_t len, long prot, long flags, long fd, long off);
long sys_munmap(void *addr, size_t len);
long sys_pipe(int fds[2]);
long sys_read(long fd, void *buf, size_t n);
long sys_write(long fd, const void *buf, size_t n);
long sys_open(const char *path, long flags);
long sys_close(long fd);
long sys_dup(long fd);
long sys_dup2(long fd, long nfd);
long sys_fstat(long fd, struct stat *st);
long sys_mkdir(const char *path);
long sys_unlink(const char *path);
long sys_chdir(const char *path);
long sys_exec(const char *path, char *const argv[]);
long sys_sleep(unsigned long ms);
long sys_uptime(void);
long sys_lseek(long fd, long off, long whence);
long sys_yield(void);
long sys_shutdown(long failed);
long sys_sysinfo(struct sysinfo *si);
long sys_consready(void);
long sys_getcwd(char *buf, size_t n);
long sys_getdents(long fd, struct dirent *d, size_t n);
long sys_ftruncate(long fd, long size);
long sys_getdatahome(long fd);
long syscall6(long num, long a0, long a1, long a2, long a3, long a4, long a5);

/* POSIX-style wrappers */
void exit(int code) __attribute__((noreturn));
int fork(void);
int wait(int *status);
int waitpid(int pid, int *status, int options);
int kill(int pid);
int getpid(void);
void *sbrk(long incr);
void *mmap(void *addr, size_t len, int prot, int flags, int fd, long off);
int munmap(void *addr, size_t len);
int pipe(int fds[2]);
long read(int fd, void *buf, size_t n);
long write(int fd, const void *buf, size_t n);
int open(const char *path, int flags);
int close(int fd);
int dup(int fd);
int dup2(int fd, int nfd);
int fstat(int fd, struct stat *st);
int stat(const char *path, struct stat *st);
int mkdir(const char *path);
int unlink(const char *path);
int chdir(const char *path);
int exec(const char *path, char *const argv[]);
int sleep_ms(unsigned long ms);
long lseek(int fd, long off, int whence);
long uptime_ms(void);

/* strings and memory */
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *d, const char *s);
char *strncpy(char *d, const char *s, size_t n);
char *strchr(const char *s, int c);
char *strcat(char *d, const char *s);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
int atoi(const char *s);
long strtol(const char *s, char **end, int base);
const char *strerror(int e);

/* output */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int puts(const char *s);
/* reads a line (with its '\n') into buf; returns its length, 0 at end of input, -1 on error */
int getline_fd(int fd, char *buf, int max);

/* heap */
void *malloc(size_t n);
void free(void *p);
void *calloc(size_t n, size_t m);
void *realloc(void *p, size_t n);

/* counters (scounteren lets user mode read them) */
static inline uint64_t rdcycle(void) { uint64_t v; __asm__ volatile("rdcycle %0" : "=r"(v)); return v; }
static inline uint64_t rdtime(void) { uint64_t v; __asm__ volatile("rdtime %0" : "=r"(v)); return v; }
static inline uint64_t rdinstret(void) { uint64_t v; __asm__ volatile("rdinstret %0" : "=r"(v)); return v; }

/* a small deterministic random generator (xorshift64*) */
uint64_t rand64(uint64_t *state);

#endif
