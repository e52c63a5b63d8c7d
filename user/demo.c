/*
 * demo: a small workload. A prime sieve of processes connected by pipes (one process per
 * prime, as in Doug McIlroy's design), then workers on every hart summing slices of a shared
 * anonymous mapping. Checks its results; exit status 0 when both are right.
 */
#include "lib/ulib.h"

static void sieve(int in)
{
	for (;;) { /* each stage forks the next and continues as it */
		int p;
		if (read(in, &p, sizeof(p)) != sizeof(p))
			exit(0);
		printf("%d ", p);
		int fds[2];
		if (pipe(fds) < 0)
			exit(1);
		int pid = fork();
		if (pid == 0) {
			close(fds[1]);
			close(in);
			in = fds[0];
			continue;
		}
		close(fds[0]);
		int n;
		while (read(in, &n, sizeof(n)) == sizeof(n))
			if (n % p)
				write(fds[1], &n, sizeof(n));
		close(fds[1]);
		close(in);
		int st;
		waitpid(pid, &st, 0);
		exit(WIFEXITED(st) ? WEXITSTATUS(st) : 1);
	}
}

int main(int argc, char **argv)
{
	int limit = argc > 1 ? atoi(argv[1]) : 60;
	printf("demo: primes below %d:", limit);
	printf(" ");
	int fds[2];
	pipe(fds);
	int pid = fork();
	if (pid == 0) {
		close(fds[1]);
		sieve(fds[0]);
	}
	close(fds[0]);
	for (int n = 2; n < limit; n++)
		write(fds[1], &n, sizeof(n));
	close(fds[1]);
	int st;
	waitpid(pid, &st, 0);
	printf("\n");
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;

	struct sysinfo si;
	sys_sysinfo(&si);
	int workers = si.harts < 2 ? 2 : (int)si.harts;
	enum { N = 16384 };
	long *v = mmap(0, (N + 64) * sizeof(long), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long *sums = v + N;
	for (int i = 0; i < N; i++)
		v[i] = i;
	for (int w = 0; w < workers; w++) {
		if (fork() == 0) {
			long s = 0;
			for (int i = w; i < N; i += workers)
				s += v[i];
			sums[w] = s;
			exit(0);
		}
	}
	for (int w = 0; w < workers; w++)
		wait(NULL);
	long total = 0;
	for (int w = 0; w < workers; w++)
		total += sums[w];
	long want = (long)N * (N - 1) / 2;
	printf("demo: %d workers summed 0..%d = %ld (%s)\n", workers, N - 1, total,
	       total == want ? "right" : "WRONG");
	ok &= total == want;
	return ok ? 0 : 1;
}
