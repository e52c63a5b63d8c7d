/* mkdir: makes directories. */
#include "lib/ulib.h"

int main(int argc, char **argv)
{
	int r = 0;
	for (int i = 1; i < argc; i++)
		if (mkdir(argv[i]) < 0) {
			fprintf(2, "mkdir: %s: %s\n", argv[i], strerror(errno));
			r = 1;
		}
	return r;
}
