/* System-call wrappers, strings, memory, heap (see ulib.h). */
#include "ulib.h"

int errno;

static long ret(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

void exit(int code) { sys_exit(code); }
int fork(void) { return (int)ret(sys_fork()); }
int wait(int *status) { return (int)ret(sys_wait(-1, status, 0)); }
int waitpid(int pid, int *status, int options) { return (int)ret(sys_wait(pid, status, options)); }
int kill(int pid) { return (int)ret(sys_kill(pid)); }
int getpid(void) { return (int)sys_getpid(); }

void *sbrk(long incr)
{
	long r = sys_sbrk(incr);
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return (void *)-1;
	}
	return (void *)r;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, long off)
{
	long r = sys_mmap(addr, len, prot, flags, fd, off);
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return MAP_FAILED;
	}
	return (void *)r;
}

int munmap(void *addr, size_t len) { return (int)ret(sys_munmap(addr, len)); }
int pipe(int fds[2]) { return (int)ret(sys_pipe(fds)); }
long read(int fd, void *buf, size_t n) { return ret(sys_read(fd, buf, n)); }
long write(int fd, const void *buf, size_t n) { return ret(sys_write(fd, buf, n)); }
int open(const char *path, int flags) { return (int)ret(sys_open(path, flags)); }
int close(int fd) { return (int)ret(sys_close(fd)); }
int dup(int fd) { return (int)ret(sys_dup(fd)); }
int dup2(int fd, int nfd) { return (int)ret(sys_dup2(fd, nfd)); }
int fstat(int fd, struct stat *st) { return (int)ret(sys_fstat(fd, st)); }
int mkdir(const char *path) { return (int)ret(sys_mkdir(path)); }
int unlink(const char *path) { return (int)ret(sys_unlink(path)); }
int chdir(const char *path) { return (int)ret(sys_chdir(path)); }
int exec(const char *path, char *const argv[]) { return (int)ret(sys_exec(path, argv)); }
int sleep_ms(unsigned long ms) { return (int)ret(sys_sleep(ms)); }
long uptime_ms(void) { return sys_uptime(); }
long lseek(int fd, long off, int whence) { return ret(sys_lseek(fd, off, whence)); }

int stat(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	int r = fstat(fd, st);
	close(fd);
	return r;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strcpy(char *d, const char *s)
{
	char *r = d;
	while ((*d++ = *s++))
		;
	return r;
}

char *strncpy(char *d, const char *s, size_t n)
{
	size_t i = 0;
	for (; i < n && s[i]; i++)
		d[i] = s[i];
	for (; i < n; i++)
		d[i] = 0;
	return d;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

char *strcat(char *d, const char *s)
{
	strcpy(d + strlen(d), s);
	return d;
}

void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (dp <= sp || dp >= sp + n)
		return memcpy(d, s, n);
	while (n--)
		dp[n] = sp[n];
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] - y[i];
	return 0;
}

long strtol(const char *s, char **end, int base)
{
	long v = 0;
	int neg = 0;
	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	}
	if (base == 0)
		base = 10;
	for (;; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0'
			: *s >= 'a' && *s <= 'z' ? *s - 'a' + 10
			: *s >= 'A' && *s <= 'Z' ? *s - 'A' + 10 : 99;
		if (d >= base)
			break;
		v = v * base + d;
	}
	if (end)
		*end = (char *)s;
	return neg ? -v : v;
}

int atoi(const char *s) { return (int)strtol(s, NULL, 10); }

const char *strerror(int e)
{
	switch (e) {
	case EPERM: return "not permitted";
	case ENOENT: return "no such file or directory";
	case ESRCH: return "no such process";
	case EINTR: return "interrupted";
	case E2BIG: return "argument list too long";
	case ENOEXEC: return "not an executable";
	case EBADF: return "bad file descriptor";
	case ECHILD: return "no child";
	case EAGAIN: return "try again";
	case ENOMEM: return "out of memory";
	case EFAULT: return "bad address";
	case EEXIST: return "exists";
	case ENOTDIR: return "not a directory";
	case EISDIR: return "is a directory";
	case EINVAL: return "invalid argument";
	case EMFILE: return "too many open files";
	case ENOSPC: return "no space";
	case ESPIPE: return "illegal seek";
	case EPIPE: return "broken pipe";
	case ENAMETOOLONG: return "name too long";
	case ENOSYS: return "no such system call";
	case ENOTEMPTY: return "directory not empty";
	default: return "error";
	}
}

/* heap: first fit over a list of blocks with a header, grown by sbrk */
struct block {
	size_t size; /* payload bytes */
	int free;
	struct block *next;
};
static struct block *heap;

void *malloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	for (struct block *b = heap; b; b = b->next) {
		if (b->free && b->size >= n) {
			if (b->size >= n + sizeof(struct block) + 32) {
				struct block *r = (struct block *)((char *)(b + 1) + n);
				r->size = b->size - n - sizeof(struct block);
				r->free = 1;
				r->next = b->next;
				b->next = r;
				b->size = n;
			}
			b->free = 0;
			return b + 1;
		}
	}
	size_t grow = sizeof(struct block) + n;
	struct block *b = sbrk((long)grow);
	if (b == (void *)-1)
		return NULL;
	b->size = n;
	b->free = 0;
	b->next = NULL;
	struct block **pp = &heap;
	while (*pp)
		pp = &(*pp)->next;
	*pp = b;
	return b + 1;
}

void free(void *p)
{
	if (!p)
		return;
	struct block *b = (struct block *)p - 1;
	b->free = 1;
	/* merge with following free blocks that are adjacent */
	while (b->next && b->next->free && (char *)(b + 1) + b->size == (char *)b->next) {
		b->size += sizeof(struct block) + b->next->size;
		b->next = b->next->next;
	}
}

void *calloc(size_t n, size_t m)
{
	if (m && n > (size_t)-1 / m)
		return NULL;
	void *p = malloc(n * m);
	if (p)
		memset(p, 0, n * m);
	return p;
}

void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	struct block *b = (struct block *)p - 1;
	if (b->size >= n)
		return p;
	void *q = malloc(n);
	if (q) {
		memcpy(q, p, b->size);
		free(p);
	}
	return q;
}

uint64_t rand64(uint64_t *s)
{
	uint64_t x = *s ? *s : 0x9e3779b97f4a7c15ULL;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dULL;
}
