/* cat: copies files (or standard input) to standard output. */
#include "lib/ulib.h"

static int copy(int fd)
{
	char buf[512];
	long n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(1, buf, (size_t)n) != n)
			return 1;
	return n < 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return copy(0);
	int r = 0;
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(2, "cat: %s: %s\n", argv[i], strerror(errno));
			r = 1;
			continue;
		}
		r |= copy(fd);
		close(fd);
	}
	return r;
}
