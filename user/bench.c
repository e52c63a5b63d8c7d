/*
 * bench: the kernel's figures, in cycles (rdcycle; scounteren lets user mode read it).
 * Each figure is the median of REPS runs of a loop, per operation:
 *   null_syscall   getpid
 *   quick_fault    first touch of a page of a shared file mapping whose page is already in the
 *                  page cache (the paper's local "quick fault", section 5.2)
 *   anon_fault     first write to a page of an anonymous private mapping (zeroed frame)
 *   fork_exit_wait fork, the child exits at once, the parent waits
 *   ctx_switch     one switch between two processes that take turns with yield (1 hart)
 *   pipe_rtt       a byte to another process and back through two pipes
 *   boot_to_init   cycles from the hart's reset to init's first instruction (rdcycle there)
 * Prints "bench: NAME CYCLES" lines and one "bench-json: {...}" line.
 */
#include "lib/ulib.h"

#define REPS 5
enum { PAGES = 16 };

static uint64_t median(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2];
}

static uint64_t null_syscall(void)
{
	enum { N = 200 };
	uint64_t t0 = rdcycle();
	for (int i = 0; i < N; i++)
		sys_getpid();
	uint64_t t1 = rdcycle();
	for (volatile int i = 0; i < N; i++)
		;
	uint64_t t2 = rdcycle();
	uint64_t loop = t2 - t1;
	return ((t1 - t0) > loop ? (t1 - t0) - loop : 0) / N;
}

static uint64_t quick_fault(int fd)
{
	volatile char *p = mmap(0, PAGES * 4096, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 0;
	uint64_t t0 = rdcycle();
	for (int i = 0; i < PAGES; i++)
		(void)p[i * 4096];
	uint64_t t1 = rdcycle();
	munmap((void *)p, PAGES * 4096);
	return (t1 - t0) / PAGES;
}

static uint64_t anon_fault(void)
{
	volatile char *p = mmap(0, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 0;
	uint64_t t0 = rdcycle();
	for (int i = 0; i < PAGES; i++)
		p[i * 4096] = 1;
	uint64_t t1 = rdcycle();
	munmap((void *)p, PAGES * 4096);
	return (t1 - t0) / PAGES;
}

static uint64_t fork_instret;

static uint64_t fork_exit_wait(void)
{
	enum { N = 4 };
	uint64_t i0 = rdinstret();
	uint64_t t0 = rdcycle();
	for (int i = 0; i < N; i++) {
		int pid = fork();
		if (pid == 0)
			exit(0);
		waitpid(pid, NULL, 0);
	}
	uint64_t t1 = rdcycle();
	fork_instret = (rdinstret() - i0) / N;
	return (t1 - t0) / N;
}

static uint64_t ctx_switch(void)
{
	enum { N = 50 };
	int pid = fork();
	if (pid == 0) {
		for (int i = 0; i < N + 10; i++)
			sys_yield();
		exit(0);
	}
	sys_yield();
	uint64_t t0 = rdcycle();
	for (int i = 0; i < N; i++)
		sys_yield();
	uint64_t t1 = rdcycle();
	waitpid(pid, NULL, 0);
	/* one round: our yield, a switch to the other process, its yield, a switch back */
	return (t1 - t0) / N / 2;
}

static uint64_t pipe_rtt(void)
{
	enum { N = 30 };
	int a[2], b[2];
	pipe(a);
	pipe(b);
	int pid = fork();
	if (pid == 0) {
		char c;
		close(a[1]);
		close(b[0]);
		while (read(a[0], &c, 1) == 1)
			write(b[1], &c, 1);
		exit(0);
	}
	char c = 'x';
	write(a[1], &c, 1); /* warm up */
	read(b[0], &c, 1);
	uint64_t t0 = rdcycle();
	for (int i = 0; i < N; i++) {
		write(a[1], &c, 1);
		read(b[0], &c, 1);
	}
	uint64_t t1 = rdcycle();
	close(a[1]);
	close(a[0]);
	close(b[1]);
	waitpid(pid, NULL, 0);
	close(b[0]);
	return (t1 - t0) / N;
}

int main(void)
{
	struct sysinfo si;
	sys_sysinfo(&si);
	int fd = open("/tmp/bench-file", O_RDWR | O_CREAT | O_TRUNC);
	static char page[4096];
	for (int i = 0; i < PAGES; i++) {
		page[0] = (char)i;
		write(fd, page, sizeof(page));
	}
	static const char *const names[] = { "null_syscall", "quick_fault", "anon_fault",
					     "fork_exit_wait", "ctx_switch", "pipe_rtt" };
	uint64_t res[6], v[REPS];
	for (int k = 0; k < 6; k++) {
		for (int r = 0; r < REPS; r++) {
			switch (k) {
			case 0: v[r] = null_syscall(); break;
			case 1: v[r] = quick_fault(fd); break;
			case 2: v[r] = anon_fault(); break;
			case 3: v[r] = fork_exit_wait(); break;
			case 4: v[r] = ctx_switch(); break;
			default: v[r] = pipe_rtt(); break;
			}
		}
		res[k] = median(v, REPS);
		printf("bench: %s %lu cycles\n", names[k], res[k]);
		if (k == 3)
			printf("bench: fork_exit_wait %lu instructions (last run)\n", fork_instret);
	}
	close(fd);
	unlink("/tmp/bench-file");
	printf("bench: boot_to_init %lu cycles (kernel entry at %lu)\n", si.init_cycle,
	       si.kernel_cycle);
	printf("bench-json: {\"cell\": %u, \"cells\": %u, \"harts\": %u, \"asids\": %u",
	       si.cell_id, si.cells, si.harts, si.asids);
	for (int k = 0; k < 6; k++)
		printf(", \"%s\": %lu", names[k], res[k]);
	printf(", \"boot_to_init\": %lu, \"kernel_entry\": %lu}\n", si.init_cycle, si.kernel_cycle);
	return 0;
}
