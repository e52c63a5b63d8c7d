#include "lib/ulib.h"
int main(void) { printf("fuzz: stub\n"); return 0; }
