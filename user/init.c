/*
 * init (pid 1): runs the test script /etc/rc (one command per line, '#' comments), prints
 * each command's result and a summary, offers a shell when console input is attached (or
 * the kernel command line says "shell"), then powers the cell off: SRST reason "none" only
 * if every command of the script passed. The builtin "panic" asks the kernel to panic (a test
 * of the panic path: the cell stops with SRST "system failure").
 */
#include "lib/ulib.h"

static int split(char *line, char **argv, int max)
{
	int n = 0;
	for (char *p = line; *p && n < max - 1;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			*p++ = 0;
		if (!*p)
			break;
		argv[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
	}
	argv[n] = NULL;
	return n;
}

static int run(char **argv)
{
	char path[128];
	if (argv[0][0] == '/')
		snprintf(path, sizeof(path), "%s", argv[0]);
	else
		snprintf(path, sizeof(path), "/bin/%s", argv[0]);
	int pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		exec(path, argv);
		fprintf(2, "init: cannot run %s: %s\n", path, strerror(errno));
		exit(127);
	}
	int st = 0;
	while (waitpid(pid, &st, 0) != pid)
		;
	return st;
}

static int want_shell(void)
{
	char buf[128];
	int fd = open("/etc/bootargs", O_RDONLY);
	if (fd >= 0) {
		long n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n > 0) {
			buf[n] = 0;
			for (char *p = buf; *p; p++) {
				if (!strncmp(p, "noshell", 7))
					return 0; /* a scripted run: input seen is not a user */
				if (!strncmp(p, "shell", 5))
					return 1;
			}
		}
	}
	return sys_consready() > 0;
}

int main(void)
{
	struct sysinfo si;
	sys_sysinfo(&si);
	printf("init: cell %u of %u, %u harts, %lu of %lu frames free\n", si.cell_id, si.cells,
	       si.harts, si.free_frames, si.total_frames);
	int fd = open("/etc/rc", O_RDONLY);
	int passed = 0, failed = 0;
	if (fd < 0) {
		printf("init: no /etc/rc\n");
		failed++;
	} else {
		char line[256], *argv[16];
		while (getline_fd(fd, line, sizeof(line)) > 0) {
			if (line[0] == '#' || split(line, argv, 16) == 0)
				continue;
			if (!strcmp(argv[0], "panic")) { /* rc builtin: test of the kernel panic path */
				printf("init: asking the kernel to panic\n");
				sys_shutdown(2);
			}
			long t0 = uptime_ms();
			int st = run(argv);
			long t1 = uptime_ms();
			if (st == 0) {
				passed++;
				printf("init: %s: ok (%ld ms)\n", argv[0], t1 - t0);
			} else {
				failed++;
				if (st < 0)
					printf("init: %s: FAILED (cannot fork)\n", argv[0]);
				else if (WIFEXITED(st))
					printf("init: %s: FAILED (exit %d)\n", argv[0], WEXITSTATUS(st));
				else
					printf("init: %s: FAILED (killed, signal %d)\n", argv[0], WTERMSIG(st));
			}
			while (waitpid(-1, NULL, WNOHANG) > 0) /* orphans */
				;
		}
		close(fd);
	}
	printf("init: %d passed, %d failed\n", passed, failed);
	if (want_shell()) {
		printf("init: console input attached: starting a shell (exit or ^D powers off)\n");
		char *argv[] = { "sh", NULL };
		run(argv);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	sys_shutdown(failed != 0);
	return 1;
}
