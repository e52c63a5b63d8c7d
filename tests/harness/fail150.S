/* Harness test: fail with code 150 (> 99) -> exit 100. */
#define VALUE ((150 << 16) | HIVE_FINISH_FAIL)
#include "finish.h"
