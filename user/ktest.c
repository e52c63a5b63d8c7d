#include "lib/ulib.h"
int main(void) { printf("ktest: stub\n"); return 0; }
