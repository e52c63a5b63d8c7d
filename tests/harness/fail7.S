/* Harness test: fail with code 7 -> exit 7. */
#define VALUE ((7 << 16) | HIVE_FINISH_FAIL)
#include "finish.h"
