/* rm: removes files and empty directories. */
#include "lib/ulib.h"

int main(int argc, char **argv)
{
	int r = 0;
	for (int i = 1; i < argc; i++)
		if (unlink(argv[i]) < 0) {
			fprintf(2, "rm: %s: %s\n", argv[i], strerror(errno));
			r = 1;
		}
	return r;
}
