/*
 * sh: a small shell. Commands with arguments, pipelines (a | b | c), redirections (< > >>),
 * background (&), builtins cd, pwd and exit. Reads the script named by its argument, or
 * standard input with a "$ " prompt. Programs are looked up in /bin unless the name has a '/'.
 */
#include "lib/ulib.h"

#define MAXARGS 16
#define MAXCMDS 8

struct cmd {
	char *argv[MAXARGS];
	char *in, *out;
	int append;
};

static int parse(char *line, struct cmd *cmds, int *ncmd, int *bg)
{
	*ncmd = 0;
	*bg = 0;
	struct cmd *c = &cmds[0];
	memset(cmds, 0, sizeof(struct cmd) * MAXCMDS);
	int argc = 0;
	char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			*p++ = 0;
		if (!*p || *p == '#')
			break;
		if (*p == '|') {
			*p++ = 0;
			if (!argc || *ncmd + 1 >= MAXCMDS)
				return -1;
			c->argv[argc] = NULL;
			(*ncmd)++;
			c = &cmds[*ncmd];
			argc = 0;
			continue;
		}
		if (*p == '&') {
			*p++ = 0;
			*bg = 1;
			continue;
		}
		int redir = 0;
		if (*p == '<')
			redir = 1;
		else if (*p == '>')
			redir = p[1] == '>' ? 3 : 2;
		if (redir) {
			*p++ = 0;
			if (redir == 3)
				*p++ = 0;
			while (*p == ' ')
				*p++ = 0;
		}
		char *word = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '|' && *p != '<' &&
		       *p != '>' && *p != '&')
			p++;
		char save = *p;
		*p = 0;
		if (!*word)
			return -1;
		if (redir == 1)
			c->in = word;
		else if (redir) {
			c->out = word;
			c->append = redir == 3;
		} else if (argc < MAXARGS - 1)
			c->argv[argc++] = word;
		if (save) {
			*p = save;
			if (save == ' ' || save == '\t' || save == '\n')
				*p++ = 0;
		}
	}
	if (argc)
		(*ncmd)++;
	else if (*ncmd)
		return -1;
	return 0;
}

static void run_child(struct cmd *c)
{
	if (c->in) {
		int fd = open(c->in, O_RDONLY);
		if (fd < 0) {
			fprintf(2, "sh: %s: %s\n", c->in, strerror(errno));
			exit(1);
		}
		dup2(fd, 0);
		close(fd);
	}
	if (c->out) {
		int fd = open(c->out, O_WRONLY | O_CREAT | (c->append ? O_APPEND : O_TRUNC));
		if (fd < 0) {
			fprintf(2, "sh: %s: %s\n", c->out, strerror(errno));
			exit(1);
		}
		dup2(fd, 1);
		close(fd);
	}
	char path[128];
	if (strchr(c->argv[0], '/'))
		snprintf(path, sizeof(path), "%s", c->argv[0]);
	else
		snprintf(path, sizeof(path), "/bin/%s", c->argv[0]);
	exec(path, c->argv);
	fprintf(2, "sh: %s: %s\n", c->argv[0], strerror(errno));
	exit(127);
}

static int execute(struct cmd *cmds, int n, int bg)
{
	char **argv = cmds[0].argv;
	if (n == 1 && !strcmp(argv[0], "cd")) {
		if (chdir(argv[1] ? argv[1] : "/") < 0) {
			fprintf(2, "cd: %s: %s\n", argv[1] ? argv[1] : "/", strerror(errno));
			return 1;
		}
		return 0;
	}
	if (n == 1 && !strcmp(argv[0], "pwd")) {
		char buf[128];
		if (sys_getcwd(buf, sizeof(buf)) < 0)
			return 1;
		printf("%s\n", buf);
		return 0;
	}
	if (n == 1 && !strcmp(argv[0], "exit"))
		exit(argv[1] ? atoi(argv[1]) : 0);
	int pids[MAXCMDS], prev = -1, status = 0;
	for (int i = 0; i < n; i++) {
		int fds[2] = { -1, -1 };
		if (i + 1 < n && pipe(fds) < 0) {
			fprintf(2, "sh: pipe: %s\n", strerror(errno));
			return 1;
		}
		pids[i] = fork();
		if (pids[i] == 0) {
			if (prev >= 0) {
				dup2(prev, 0);
				close(prev);
			}
			if (fds[1] >= 0) {
				dup2(fds[1], 1);
				close(fds[1]);
				close(fds[0]);
			}
			run_child(&cmds[i]);
		}
		if (prev >= 0)
			close(prev);
		if (fds[1] >= 0)
			close(fds[1]);
		prev = fds[0];
		if (pids[i] < 0) {
			fprintf(2, "sh: fork: %s\n", strerror(errno));
			return 1;
		}
	}
	if (bg) {
		printf("[%d]\n", pids[n - 1]);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		int st = 0;
		waitpid(pids[i], &st, 0);
		if (i == n - 1)
			status = st;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	int fd = 0, interactive = 1;
	if (argc > 1) {
		fd = open(argv[1], O_RDONLY);
		if (fd < 0) {
			fprintf(2, "sh: %s: %s\n", argv[1], strerror(errno));
			return 1;
		}
		interactive = 0;
	}
	char line[256];
	struct cmd cmds[MAXCMDS];
	int last = 0;
	for (;;) {
		if (interactive)
			write(1, "$ ", 2);
		int n = getline_fd(fd, line, sizeof(line));
		if (n <= 0)
			break;
		int ncmd, bg;
		if (parse(line, cmds, &ncmd, &bg) < 0) {
			fprintf(2, "sh: syntax error\n");
			last = 2;
			continue;
		}
		if (ncmd)
			last = execute(cmds, ncmd, bg);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	return interactive ? 0 : last;
}
