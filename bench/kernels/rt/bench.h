/* Runtime of the bare-metal benchmark kernels (the .c files of bench/kernels/; docs/figures.md).
 *
 * A kernel file defines the four symbols below. bench.c runs the kernel REPS times on the
 * 1x1 model: each time kernel_setup() prepares the inputs, the counters (mcycle, minstret and
 * mhpmcounter3..5 counting HIVE_HPM_IMISS/DMISS/STALL) are read just before and just after
 * kernel_run(), and kernel_check() compares the result with values the host computed on its
 * own (expect.h, written by bench/kernels/expect.py). The first repetition starts with cold
 * caches, the later ones find the kernel's code and data in the L1s. The results go to the
 * console as lines that bench/core.py parses:
 *
 *   bench overhead cycles=C instret=I imiss=M dmiss=D stall=S     (an empty region)
 *   bench kernel=NAME rep=R cycles=C instret=I imiss=M dmiss=D stall=S
 *   bench done kernel=NAME
 *
 * A failed check prints "bench check failed: ..." and ends the run with the machine finisher's
 * fail code 10 + the kernel's check number (so hive-sim exits with that status).
 */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "hive_regs.h"
#include "expect.h"

/* ---- what a kernel file defines ---- */
extern const char kernel_name[];
void kernel_setup(void);
void kernel_run(void);
/* 0 when the result is right, else the number (1..80) of the check that failed. */
int kernel_check(void);

/* ---- what the runtime gives it ---- */
/* The generator that bench/kernels/expect.py mirrors: xorshift32 (13, 17, 5), state != 0. */
static inline uint32_t rng_next(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

void put_str(const char *s);
void put_u64(uint64_t v);
void put_hex(uint64_t v);
/* "bench check failed: kernel=NAME what got=0x.. want=0x.." (informative only). */
void check_report(const char *what, uint64_t got, uint64_t want);
/* Bitwise CRC-32 (IEEE, reflected, as zlib.crc32): for checks only, never measured. */
uint32_t check_crc32(const void *p, size_t n);

/* The compiler may emit calls to these for copies and clears outside the kernels. */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

#endif
