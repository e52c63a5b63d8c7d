/*
 * fuzz: system calls with random arguments. Children each make ROUNDS calls, numbers and
 * arguments drawn from a seeded generator (wild pointers into kernel, device and unmapped
 * memory, misaligned pointers, huge and negative lengths, bad descriptors, plus valid ones so
 * that calls get deep into the kernel). The kernel must survive: a child may die of its own
 * doing (a fault after mapping over its stack, for instance) or be killed by the watchdog when
 * a call blocks, but afterwards the system must still fork, exec, pipe and map normally.
 * usage: fuzz [children [rounds [seed]]]
 */
#include "lib/ulib.h"

/* calls that would end the run or the fuzzer's parent rather than test argument checks */
static int excluded(long num)
{
	return num == SYS_exit || num == SYS_fork || num == SYS_kill || num == SYS_shutdown ||
	       num == SYS_sleep || num == SYS_exec;
}

static char scratch[3 * 4096] __attribute__((aligned(4096)));

static long pick(uint64_t *r)
{
	static const long fixed[] = {
		0, 1, 2, 3, -1, -2, 4095, 4096, 4097, 0x7fffffff, 0x80000000L, -0x80000000L,
		(long)0x8000000000000000UL, 0x7fffffffffffffffL, 0x40000000, 0x3fffffff,
		0x40010000, 0x7ffffff8, 0x7fffffff, 0x80000000, 0x80200000, 0x80201003,
		0x100000000L, 0x20100000, 0x20000000, 0x10000000, 0x3f0000000L, 0xffffffffffL,
		16, 64, 100, 1 << 20, 1L << 40, O_CREAT | O_RDWR, MAP_SHARED | MAP_ANONYMOUS,
		MAP_PRIVATE | MAP_FIXED, PROT_READ | PROT_WRITE, WNOHANG,
	};
	uint64_t v = rand64(r);
	switch (v % 6) {
	case 0:
	case 1:
		return fixed[(v >> 8) % (sizeof(fixed) / sizeof(fixed[0]))];
	case 2:
		return (long)(scratch + ((v >> 8) % sizeof(scratch))); /* valid, maybe misaligned */
	case 3:
		return (long)((v >> 8) % 24) - 4; /* descriptors and small numbers */
	case 4:
		return (long)(0x40000000 + ((v >> 8) % 0x40000000)); /* somewhere in user space */
	default:
		return (long)rand64(r);
	}
}

static void child(uint64_t seed, int rounds)
{
	uint64_t r = seed;
	/* no console: reads would block, writes would scribble on it */
	chdir("/tmp/fuzz");
	int out = open("out", O_RDWR | O_CREAT | O_TRUNC);
	for (int fd = 0; fd < 3; fd++)
		dup2(out, fd);
	for (int i = 0; i < (int)sizeof(scratch); i++)
		scratch[i] = (char)rand64(&r);
	scratch[100] = 0; /* some short strings */
	scratch[4096 + 7] = 0;
	for (int i = 0; i < rounds; i++) {
		long num = (long)(rand64(&r) % (SYS_nsyscalls + 3));
		if (excluded(num))
			continue;
		long a[6];
		for (int k = 0; k < 6; k++)
			a[k] = pick(&r);
		syscall6(num, a[0], a[1], a[2], a[3], a[4], a[5]);
	}
	exit(0);
}

static int sanity(void)
{
	int fds[2];
	if (pipe(fds) < 0)
		return 0;
	int pid = fork();
	if (pid == 0) {
		char *argv[] = { "echo", "fuzz: the system still runs programs", NULL };
		exec("/bin/echo", argv);
		exit(1);
	}
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		return 0;
	if (write(fds[1], "ok", 2) != 2)
		return 0;
	char b[2];
	if (read(fds[0], b, 2) != 2 || b[0] != 'o')
		return 0;
	close(fds[0]);
	close(fds[1]);
	char *m = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 0;
	m[5000] = 1;
	return munmap(m, 8192) == 0;
}

int main(int argc, char **argv)
{
	int children = argc > 1 ? atoi(argv[1]) : 6;
	int rounds = argc > 2 ? atoi(argv[2]) : 400;
	uint64_t seed = argc > 3 ? (uint64_t)strtol(argv[3], NULL, 0) : 0x5eed;
	mkdir("/tmp/fuzz");
	struct sysinfo a, b;
	sys_sysinfo(&a);
	int died = 0, watchdog = 0;
	for (int c = 0; c < children; c++) {
		int pid = fork();
		if (pid == 0)
			child(seed + (uint64_t)c * 7919, rounds);
		if (pid < 0) {
			printf("fuzz: FAIL: cannot fork\n");
			return 1;
		}
		/* a watchdog process kills the child if a call blocks it for too long */
		int dog = fork();
		if (dog == 0) {
			sleep_ms(2000);
			kill(pid);
			exit(1);
		}
		int st = 0, dst = 0;
		waitpid(pid, &st, 0);
		kill(dog);
		waitpid(dog, &dst, 0);
		if (WIFEXITED(dst) && WEXITSTATUS(dst) == 1)
			watchdog++;
		if (!WIFEXITED(st))
			died++;
	}
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	unlink("/tmp/fuzz/out");
	sys_sysinfo(&b);
	printf("fuzz: %d children x %d calls: %d died by their own calls, %d stopped by the "
	       "watchdog; frames free %lu -> %lu\n",
	       children, rounds, died - watchdog, watchdog, a.free_frames, b.free_frames);
	if (!sanity()) {
		printf("fuzz: FAIL: the system misbehaves after fuzzing\n");
		return 1;
	}
	printf("fuzz: ok\n");
	return 0;
}
