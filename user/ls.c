/* ls: lists directories (name, type, size, data home cell). */
#include "lib/ulib.h"

static int list(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(2, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	struct stat st;
	fstat(fd, &st);
	if (st.type != T_DIR) {
		printf("%-20s file %6lu  home cell %u\n", path, st.size, st.data_home);
		close(fd);
		return 0;
	}
	struct dirent d[8];
	long n;
	while ((n = sys_getdents(fd, d, sizeof(d))) > 0) {
		for (long i = 0; i < n / (long)sizeof(d[0]); i++) {
			if (!d[i].ino)
				continue;
			char name[DIRNAME + 1], full[160];
			memcpy(name, d[i].name, DIRNAME);
			name[DIRNAME] = 0;
			snprintf(full, sizeof(full), "%s/%s", path, name);
			struct stat s;
			if (stat(full, &s) < 0)
				continue;
			printf("%-20s %s %6lu  home cell %u\n", name, s.type == T_DIR ? "dir " : "file",
			       s.size, s.data_home);
		}
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return list(".");
	int r = 0;
	for (int i = 1; i < argc; i++)
		r |= list(argv[i]);
	return r;
}
