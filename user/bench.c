#include "lib/ulib.h"
int main(void) { printf("bench: stub\n"); return 0; }
