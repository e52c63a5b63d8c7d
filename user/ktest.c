/*
 * ktest: the kernel's user-level test suite. Each test runs in its own child process (a
 * crash fails that test only) and prints "ktest: NAME: ok" or "FAIL"; the summary line is
 * "ktest: N passed, M failed" and the exit status is 0 only when nothing failed.
 * usage: ktest [NAME...]   (no name: every test)
 */
#include "lib/ulib.h"

static int failed;
static const char *cur;

#define CHECK(c)                                                                            \
	do {                                                                                \
		if (!(c)) {                                                                 \
			printf("ktest: %s: check failed at line %d: %s (errno %d)\n", cur,   \
			       __LINE__, #c, errno);                                        \
			failed = 1;                                                         \
		}                                                                           \
	} while (0)

static struct sysinfo si;

/* a cell of hive-sim's 16 MiB nodes (at most 4 of them): long loops cost too many cycles */
static int sim_sized(void) { return si.total_frames < 16384; }

/* runs fn in a child and returns the child's wait status */
static int in_child(void (*fn)(void))
{
	int pid = fork();
	if (pid == 0) {
		fn();
		exit(failed);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	return st;
}

/* ---- processes */

static void t_getpid(void)
{
	int me = getpid();
	CHECK(me > 1);
	CHECK(sys_getppid() > 0);
	int pid = fork();
	if (pid == 0)
		exit(sys_getppid() == me ? 0 : 1);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void t_fork_wait(void)
{
	enum { N = 6 };
	int pids[N];
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		CHECK(pids[i] >= 0);
		if (pids[i] == 0)
			exit(10 + i);
	}
	int seen = 0;
	for (int i = 0; i < N; i++) {
		int st, pid = wait(&st);
		for (int j = 0; j < N; j++)
			if (pid == pids[j]) {
				CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 10 + j);
				seen |= 1 << j;
			}
	}
	CHECK(seen == (1 << N) - 1);
	CHECK(wait(NULL) < 0 && errno == ECHILD);
	/* the child waits for the pipe's end of file, not for a time: a parent whose hart is
	 * slow (a loaded QEMU host) could otherwise find it already gone */
	int fds[2];
	CHECK(pipe(fds) == 0);
	int pid = fork();
	if (pid == 0) {
		char c;
		close(fds[1]);
		read(fds[0], &c, 1);
		exit(3);
	}
	close(fds[0]);
	CHECK(waitpid(pid, NULL, WNOHANG) == 0);
	close(fds[1]);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 3);
	CHECK(sys_wait(-1, NULL, 77) == -EINVAL);
}

static void t_kill(void)
{
	int pid = fork();
	if (pid == 0)
		for (;;)
			sleep_ms(1000);
	sleep_ms(2);
	CHECK(kill(pid) == 0);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(!WIFEXITED(st) && WTERMSIG(st) == SIGKILL);
	pid = fork(); /* a spinning process is killed at its next trap */
	if (pid == 0)
		for (;;)
			;
	sleep_ms(2);
	CHECK(kill(pid) == 0);
	CHECK(waitpid(pid, &st, 0) == pid && WTERMSIG(st) == SIGKILL);
	int fds[2];
	CHECK(pipe(fds) == 0);
	pid = fork(); /* blocked in a pipe read */
	if (pid == 0) {
		char c;
		read(fds[0], &c, 1);
		exit(0);
	}
	sleep_ms(2);
	CHECK(kill(pid) == 0);
	CHECK(waitpid(pid, &st, 0) == pid && WTERMSIG(st) == SIGKILL);
	close(fds[0]);
	close(fds[1]);
	CHECK(sys_kill(1) == -EPERM);
	CHECK(sys_kill(99999) == -ESRCH);
	CHECK(sys_kill(-5) == -EINVAL);
}

static void t_exec(void)
{
	int pid = fork();
	if (pid == 0) {
		char *argv[] = { "echo", "ktest:", "exec", "with", "arguments", NULL };
		exec("/bin/echo", argv);
		exit(99);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	char *argv[] = { "x", NULL };
	CHECK(sys_exec("/no/such/file", argv) == -ENOENT);
	CHECK(sys_exec("/etc/rc", argv) == -ENOEXEC);
	CHECK(sys_exec("/bin", argv) == -EISDIR);
	CHECK(sys_exec((char *)0x10, argv) == -EFAULT);
	CHECK(sys_exec("/bin/echo", (char **)0x80200000) == -EFAULT);
	char *bad[] = { "x", (char *)0x1234, NULL };
	CHECK(sys_exec("/bin/echo", bad) == -EFAULT);
	/* still alive and intact after failed execs */
	CHECK(getpid() > 1);
}

static void t_sleep(void)
{
	long t0 = uptime_ms();
	CHECK(sleep_ms(5) == 0);
	long t1 = uptime_ms();
	CHECK(t1 - t0 >= 4);
	CHECK(sleep_ms(0) == 0);
	CHECK(sys_yield() == 0);
	CHECK(sys_sleep(~0UL) == -EINVAL);
}

/* ---- memory */

static void segv_child_sbrk(void)
{
	char *p = sbrk(0);
	sbrk(8192);
	p[0] = 1;
	sbrk(-8192);
	p[0] = 2; /* gone: the kernel kills us */
	exit(0);
}

static void t_sbrk(void)
{
	char *base = sbrk(0);
	CHECK(base != (void *)-1);
	char *p = sbrk(64 * 1024);
	CHECK(p == base);
	for (int i = 0; i < 64 * 1024; i += 4096)
		p[i] = (char)i;
	for (int i = 0; i < 64 * 1024; i += 4096)
		CHECK(p[i] == (char)i);
	CHECK(sbrk(-64 * 1024) == p + 64 * 1024);
	CHECK(sbrk(0) == base);
	CHECK(sys_sbrk(-(1L << 40)) == -ENOMEM);
	CHECK(sys_sbrk(1L << 40) == -ENOMEM);
	int st = in_child(segv_child_sbrk);
	CHECK(!WIFEXITED(st) && WTERMSIG(st) == SIGSEGV);
	char *m = malloc(100000);
	CHECK(m != NULL);
	memset(m, 7, 100000);
	free(m);
}

static void segv_child_munmap(void)
{
	char *p = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	munmap(p, 8192);
	p[0] = 1;
	exit(0);
}

static void segv_child_ro(void)
{
	char *p = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile char c = p[0];
	(void)c;
	p[0] = 1;
	exit(0);
}

static void segv_child_null(void)
{
	*(volatile int *)0 = 1;
	exit(0);
}

static void segv_child_kernel(void)
{
	*(volatile int *)0x80200000 = 1;
	exit(0);
}

static void t_mmap_anon(void)
{
	char *p = mmap(0, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	for (int i = 0; i < 4; i++)
		CHECK(p[i * 4096] == 0);
	for (int i = 0; i < 4 * 4096; i++)
		p[i] = (char)(i * 7);
	for (int i = 0; i < 4 * 4096; i++)
		if (p[i] != (char)(i * 7)) {
			CHECK(0);
			break;
		}
	CHECK(munmap(p + 4096, 4096) == 0); /* a hole in the middle */
	CHECK(p[0] == 0 && p[2 * 4096] == (char)(2 * 4096 * 7));
	CHECK(munmap(p, 4 * 4096) == 0);
	char *f = mmap((void *)0x50000000, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(f == (void *)0x50000000);
	f[10] = 5;
	CHECK(munmap(f, 4096) == 0);
	CHECK(sys_mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == -EINVAL);
	CHECK(sys_mmap(0, 4096, 0x100, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == -EINVAL);
	CHECK(sys_mmap(0, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0) == -EINVAL);
	CHECK(sys_mmap((void *)0x80200000, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == -EINVAL);
	CHECK(sys_mmap((void *)0x50000001, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == -EINVAL);
	CHECK(sys_mmap(0, 1UL << 40, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == -EINVAL);
	CHECK(sys_munmap((void *)0x123, 4096) == -EINVAL);
	CHECK(sys_munmap((void *)0x80200000, 4096) == -EINVAL);
	int st = in_child(segv_child_munmap);
	CHECK(!WIFEXITED(st) && WTERMSIG(st) == SIGSEGV);
	st = in_child(segv_child_ro);
	CHECK(!WIFEXITED(st) && WTERMSIG(st) == SIGSEGV);
	st = in_child(segv_child_null);
	CHECK(!WIFEXITED(st) && WTERMSIG(st) == SIGSEGV);
	st = in_child(segv_child_kernel);
	CHECK(!WIFEXITED(st) && WTERMSIG(st) == SIGSEGV);
}

static void t_mmap_shared_anon(void)
{
	volatile int *p = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	p[0] = 1;
	int pid = fork();
	if (pid == 0) {
		p[0] = 42;
		p[1500] = 43; /* second page, touched first by the child */
		exit(0);
	}
	waitpid(pid, NULL, 0);
	CHECK(p[0] == 42 && p[1500] == 43);
}

static void t_cow(void)
{
	enum { PAGES = 8 };
	static char data[PAGES * 4096];
	for (int i = 0; i < PAGES; i++)
		data[i * 4096] = 'p';
	struct sysinfo a, b;
	sys_sysinfo(&a);
	int fds[2];
	pipe(fds);
	int pid = fork();
	if (pid == 0) {
		int ok = 1;
		for (int i = 0; i < PAGES; i++)
			ok &= data[i * 4096] == 'p';
		for (int i = 0; i < PAGES; i += 2)
			data[i * 4096] = 'c'; /* copies */
		for (int i = 0; i < PAGES; i++)
			ok &= data[i * 4096] == (i % 2 ? 'p' : 'c');
		char c;
		read(fds[0], &c, 1); /* the parent has written its pages */
		for (int i = 0; i < PAGES; i++)
			ok &= data[i * 4096] == (i % 2 ? 'p' : 'c');
		exit(ok ? 0 : 1);
	}
	for (int i = 1; i < PAGES; i += 2)
		data[i * 4096] = 'P';
	write(fds[1], "x", 1);
	int st;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	for (int i = 0; i < PAGES; i++)
		CHECK(data[i * 4096] == (i % 2 ? 'P' : 'p'));
	close(fds[0]);
	close(fds[1]);
	sys_sysinfo(&b);
	CHECK(b.free_frames + 4 >= a.free_frames); /* the child's copies came back */
}

/* Children of one parent break copy-on-write of the same pages at the same moment on every hart
 * and exit while their siblings still copy, and the parent writes the pages too: the
 * references of each frame drop concurrently (frame_put once panicked there with "type 0
 * ref 2"). Each side must see its own data and the frames must come back. */
static void t_cow_storm(void)
{
	enum { PAGES = 16 };
	static char data[PAGES * 4096];
	int n = 2 * (int)si.harts, rounds = si.harts > 1 && !sim_sized() ? 8 : 2;
	if (n > 8)
		n = 8;
	struct sysinfo a, b;
	for (int round = 0; round < rounds; round++) {
		char mark = (char)('a' + round);
		for (int i = 0; i < PAGES; i++)
			data[i * 4096] = mark;
		int go[2];
		CHECK(pipe(go) == 0);
		for (int c = 0; c < n; c++) {
			int pid = fork();
			if (pid == 0) {
				char x;
				close(go[1]);
				read(go[0], &x, 1); /* end of file: every child goes at once */
				int ok = 1;
				for (int i = 0; i < PAGES; i++) {
					ok &= data[i * 4096] == mark;
					data[i * 4096 + 1 + c] = (char)(c + 1);
				}
				for (int i = 0; i < PAGES; i++)
					for (int k = 0; k < n; k++)
						ok &= data[i * 4096 + 1 + k] == (k == c ? c + 1 : 0);
				exit(ok ? 0 : 1);
			}
			CHECK(pid > 0);
		}
		close(go[0]);
		close(go[1]);
		for (int i = 0; i < PAGES; i++)
			data[i * 4096 + 100] = mark;
		int st, ok = 0;
		for (int c = 0; c < n; c++)
			ok += wait(&st) > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
		CHECK(ok == n);
		for (int i = 0; i < PAGES; i++) {
			CHECK(data[i * 4096] == mark && data[i * 4096 + 100] == mark);
			for (int k = 0; k < n; k++)
				CHECK(data[i * 4096 + 1 + k] == 0);
		}
		/* the first round grows the kernel's slabs and stacks, which stay */
		sys_sysinfo(round == 0 ? &a : &b);
	}
	CHECK(b.free_frames + 4 >= a.free_frames); /* every copy came back */
}

static void t_mmap_file(void)
{
	int fd = open("/tmp/mapped", O_RDWR | O_CREAT | O_TRUNC);
	CHECK(fd >= 0);
	char buf[3 * 4096];
	for (int i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (char)('a' + i % 26);
	CHECK(write(fd, buf, sizeof(buf)) == sizeof(buf));
	char *s = mmap(0, sizeof(buf), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(s != MAP_FAILED);
	CHECK(s[0] == 'a' && s[4096] == buf[4096] && s[8191] == buf[8191]);
	int pid = fork();
	if (pid == 0) { /* another process maps the same file and writes through its mapping */
		int fd2 = open("/tmp/mapped", O_RDWR);
		char *t = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 4096);
		if (t == MAP_FAILED)
			exit(2);
		t[0] = 'X';
		s[2] = 'Y'; /* the inherited mapping too */
		exit(t[4096 + 5] == buf[8192 + 5] ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(s[4096] == 'X' && s[2] == 'Y');
	char c;
	CHECK(lseek(fd, 4096, SEEK_SET) == 4096 && read(fd, &c, 1) == 1 && c == 'X');
	/* private mappings: copies on write, the file is untouched */
	char *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED && p[2] == 'Y');
	p[2] = 'Z';
	CHECK(s[2] == 'Y' && p[2] == 'Z');
	CHECK(munmap(p, 4096) == 0);
	CHECK(munmap(s, sizeof(buf)) == 0);
	/* errors */
	CHECK(sys_mmap(0, 4096, PROT_READ, MAP_SHARED, 99, 0) == -EBADF);
	CHECK(sys_mmap(0, 4096, PROT_READ, MAP_SHARED, fd, 100) == -EINVAL);
	int rfd = open("/tmp/mapped", O_RDONLY);
	CHECK(sys_mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, rfd, 0) == -EPERM);
	close(rfd);
	close(fd);
	CHECK(unlink("/tmp/mapped") == 0);
}

static void t_exec_text_shared(void)
{
	/* the same program twice: its text comes from the page cache both times */
	for (int i = 0; i < 2; i++) {
		int pid = fork();
		if (pid == 0) {
			char *argv[] = { "echo", "-", NULL };
			int fd = open("/dev-null-substitute", O_WRONLY | O_CREAT);
			dup2(fd, 1);
			exec("/bin/echo", argv);
			exit(9);
		}
		int st;
		CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 0);
	}
	unlink("/dev-null-substitute");
}

/* ---- files and pipes */

static void t_files(void)
{
	CHECK(mkdir("/tmp/kt") == 0);
	CHECK(mkdir("/tmp/kt") < 0 && errno == EEXIST);
	CHECK(chdir("/tmp/kt") == 0);
	char cwd[64];
	CHECK(sys_getcwd(cwd, sizeof(cwd)) > 0 && !strcmp(cwd, "/tmp/kt"));
	int fd = open("f", O_RDWR | O_CREAT);
	CHECK(fd >= 0);
	CHECK(write(fd, "hello, world", 12) == 12);
	CHECK(lseek(fd, 0, SEEK_CUR) == 12);
	CHECK(lseek(fd, 7, SEEK_SET) == 7);
	char b[16] = { 0 };
	CHECK(read(fd, b, sizeof(b)) == 5 && !memcmp(b, "world", 5));
	CHECK(read(fd, b, sizeof(b)) == 0);
	struct stat st;
	CHECK(fstat(fd, &st) == 0 && st.type == T_FILE && st.size == 12 && st.nlink == 1);
	CHECK(st.data_home == si.cell_id && sys_getdatahome(fd) == (long)si.cell_id);
	CHECK(lseek(fd, 100000, SEEK_SET) == 100000 && write(fd, "!", 1) == 1);
	CHECK(fstat(fd, &st) == 0 && st.size == 100001);
	CHECK(lseek(fd, 50000, SEEK_SET) == 50000 && read(fd, b, 4) == 4 && b[0] == 0); /* hole */
	CHECK(sys_ftruncate(fd, 5) == 0 && fstat(fd, &st) == 0 && st.size == 5);
	int d = dup(fd);
	CHECK(d > fd && lseek(d, 0, SEEK_SET) == 0 && lseek(fd, 0, SEEK_CUR) == 0);
	CHECK(dup2(fd, 12) == 12 && close(12) == 0);
	close(d);
	close(fd);
	fd = open("f", O_WRONLY | O_APPEND);
	CHECK(write(fd, "++", 2) == 2);
	close(fd);
	fd = open("f", O_RDONLY);
	CHECK(read(fd, b, sizeof(b)) == 7 && !memcmp(b, "hello++", 7));
	CHECK(write(fd, "x", 1) < 0 && errno == EBADF);
	close(fd);
	CHECK(mkdir("sub") == 0);
	fd = open("sub/g", O_WRONLY | O_CREAT);
	CHECK(fd >= 0);
	close(fd);
	CHECK(unlink("sub") < 0 && errno == ENOTEMPTY);
	CHECK(open("sub/g/x", O_RDONLY) < 0 && errno == ENOTDIR);
	CHECK(open("nothere", O_RDONLY) < 0 && errno == ENOENT);
	CHECK(open("sub", O_WRONLY) < 0 && errno == EISDIR);
	CHECK(open("f", 3) < 0 && errno == EINVAL);
	CHECK(open("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", O_CREAT | O_RDWR) < 0 && errno == ENAMETOOLONG);
	fd = open(".", O_RDONLY);
	struct dirent de[8];
	long n = sys_getdents(fd, de, sizeof(de));
	int names = 0;
	for (long i = 0; i < n / (long)sizeof(de[0]); i++)
		if (de[i].ino && (!strcmp(de[i].name, "f") || !strcmp(de[i].name, "sub")))
			names++;
	CHECK(names == 2);
	close(fd);
	CHECK(unlink("sub/g") == 0 && unlink("sub") == 0 && unlink("f") == 0);
	CHECK(chdir("..") == 0 && unlink("kt") == 0);
	CHECK(chdir("/") == 0);
	/* a file still open after unlink keeps its data */
	fd = open("/tmp/ghost", O_RDWR | O_CREAT);
	write(fd, "boo", 3);
	CHECK(unlink("/tmp/ghost") == 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && read(fd, b, 3) == 3 && !memcmp(b, "boo", 3));
	close(fd);
}

static void t_bad_args(void)
{
	char buf[16];
	CHECK(sys_read(99, buf, 1) == -EBADF);
	CHECK(sys_read(-1, buf, 1) == -EBADF);
	CHECK(sys_write(1, (void *)0, 1) == -EFAULT);
	CHECK(sys_write(1, (void *)0x80200000, 16) == -EFAULT);
	CHECK(sys_write(1, (void *)0x7ffffff0, 64) == -EFAULT);
	CHECK(sys_write(1, buf, (size_t)-1) == -EINVAL);
	int fd = open("/etc/rc", O_RDONLY);
	CHECK(sys_read(fd, (void *)0x80200000, 16) == -EFAULT);
	CHECK(sys_read(fd, (void *)0x20100000, 16) == -EFAULT);
	CHECK(sys_read(fd, (void *)0x100000000, 16) == -EFAULT);
	CHECK(sys_fstat(fd, (void *)8) == -EFAULT);
	close(fd);
	CHECK(sys_open((char *)0x80200000, O_RDONLY) == -EFAULT);
	CHECK(sys_open("", O_RDONLY) == -ENOENT);
	CHECK(sys_pipe((int *)0x80200000) == -EFAULT);
	CHECK(sys_close(5000) == -EBADF);
	CHECK(sys_dup2(0, 5000) == -EBADF);
	CHECK(sys_lseek(0, 0, SEEK_SET) == -ESPIPE);
	CHECK(sys_sysinfo((void *)0x3f000000) == -EFAULT);
	CHECK(syscall6(999, 1, 2, 3, 4, 5, 6) == -ENOSYS);
	CHECK(syscall6(-1, 1, 2, 3, 4, 5, 6) == -ENOSYS);
	CHECK(sys_shutdown(1) == -EPERM);
	CHECK(sys_getcwd((char *)0x80200000, 64) == -EFAULT);
	CHECK(sys_getcwd(buf, 1) == -ERANGE);
}

static void t_pipe(void)
{
	int fds[2];
	CHECK(pipe(fds) == 0);
	enum { TOTAL = 40000 };
	int pid = fork();
	if (pid == 0) {
		close(fds[0]);
		char b[1000];
		for (int i = 0; i < TOTAL; i += (int)sizeof(b)) {
			for (int j = 0; j < (int)sizeof(b); j++)
				b[j] = (char)(i + j);
			if (write(fds[1], b, sizeof(b)) != sizeof(b))
				exit(1);
		}
		exit(0);
	}
	close(fds[1]);
	char b[777];
	int got = 0, ok = 1;
	long n;
	while ((n = read(fds[0], b, sizeof(b))) > 0) {
		for (long j = 0; j < n; j++)
			ok &= b[j] == (char)(got + j);
		got += (int)n;
	}
	CHECK(n == 0 && got == TOTAL && ok);
	int st;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(fds[0]);
	CHECK(pipe(fds) == 0);
	close(fds[0]);
	CHECK(write(fds[1], "x", 1) < 0 && errno == EPIPE);
	close(fds[1]);
}

/* ---- SMP */

static void t_smp_stress(void)
{
	int n = 2 * (int)si.harts + 2;
	if (n > 12)
		n = 12;
	int fds[2];
	pipe(fds);
	for (int i = 0; i < n; i++) {
		int pid = fork();
		if (pid == 0) {
			close(fds[0]);
			uint64_t harts = 0, x = (uint64_t)i + 1;
			char *m = mmap(0, 16 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			for (int round = 0; round < 6; round++) {
				struct sysinfo s;
				sys_sysinfo(&s);
				harts |= 1UL << s.hart;
				for (int k = 0; k < 16; k++)
					m[k * 4096 + round] = (char)(rand64(&x) & 0x7f);
				int c = fork();
				if (c == 0)
					exit(m[round] == (char)(m[round] & 0x7f) ? 7 : 0);
				int st;
				if (waitpid(c, &st, 0) != c || WEXITSTATUS(st) != 7)
					exit(1);
				for (volatile int spin = 0; spin < 20000; spin++)
					;
				sys_yield();
			}
			write(fds[1], &harts, sizeof(harts));
			exit(0);
		}
		CHECK(pid > 0);
	}
	close(fds[1]);
	uint64_t all = 0, h;
	while (read(fds[0], &h, sizeof(h)) == sizeof(h))
		all |= h;
	close(fds[0]);
	int ok = 0, st;
	for (int i = 0; i < n; i++)
		if (wait(&st) > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0)
			ok++;
	CHECK(ok == n);
	int used = 0;
	for (int b = 0; b < 64; b++)
		used += (all >> b) & 1;
	if (si.harts > 1)
		CHECK(used > 1);
	printf("ktest: smp: %d processes ran on %d of %u harts\n", n, used, si.harts);
}

/* ---- out of memory: the process that asks too much dies, the kernel and the rest go on */

static void oom_child(void)
{
	for (;;) {
		char *p = mmap(0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			exit(3);
		for (int i = 0; i < (1 << 20); i += 4096)
			p[i] = 1; /* the fault that finds no frame kills us */
	}
}

static void t_oom(void)
{
	if (sim_sized()) {
		printf("ktest: oom: skipped (%lu frames)\n", si.total_frames);
		return;
	}
	struct sysinfo a, b;
	sys_sysinfo(&a);
	int st = in_child(oom_child);
	CHECK(!WIFEXITED(st) && WTERMSIG(st) == SIGSEGV);
	sys_sysinfo(&b);
	CHECK(b.free_frames + 64 >= a.free_frames); /* everything came back */
	int pid = fork();
	if (pid == 0)
		exit(5);
	CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 5);
}

struct test {
	const char *name;
	void (*fn)(void);
};

static const struct test tests[] = {
	{ "getpid", t_getpid },       { "fork_wait", t_fork_wait }, { "kill", t_kill },
	{ "exec", t_exec },           { "sleep", t_sleep },         { "sbrk", t_sbrk },
	{ "mmap_anon", t_mmap_anon }, { "mmap_shared_anon", t_mmap_shared_anon },
	{ "cow", t_cow },             { "cow_storm", t_cow_storm }, { "mmap_file", t_mmap_file },
	{ "exec_text", t_exec_text_shared },                        { "files", t_files },
	{ "bad_args", t_bad_args },   { "pipe", t_pipe },           { "smp_stress", t_smp_stress },
	{ "oom", t_oom },
};

int main(int argc, char **argv)
{
	sys_sysinfo(&si);
	int passed = 0, nfail = 0;
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		int want = argc < 2;
		for (int a = 1; a < argc; a++)
			want |= !strcmp(argv[a], tests[i].name);
		if (!want)
			continue;
		cur = tests[i].name;
		failed = 0;
		int st = in_child(tests[i].fn);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
			passed++;
			printf("ktest: %s: ok\n", cur);
		} else {
			nfail++;
			printf("ktest: %s: FAIL (status %x)\n", cur, st);
		}
	}
	printf("ktest: %d passed, %d failed\n", passed, nfail);
	return nfail != 0;
}
