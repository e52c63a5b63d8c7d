/* Harness test: pass -> exit 0. */
#define VALUE HIVE_FINISH_PASS
#include "finish.h"
