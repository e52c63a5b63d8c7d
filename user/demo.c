#include "lib/ulib.h"
int main(void) { printf("demo: stub\n"); return 0; }
