/* mcycle around one access, and a small sort for medians: shared by the bare-metal benchmark
 * programs (bench/memory/memlat.c, bench/flash/fwbench.c). Each timed_* returns the cycles
 * from mcycle just before to just after the access; empty_region() is the same for no access
 * (subtract its least value). */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

#include <stdint.h>

static inline uint64_t timed_load(volatile uint64_t *p)
{
    uint64_t t0, t1, v;
    __asm__ volatile("csrr %0, mcycle\n ld %1, 0(%3)\n csrr %2, mcycle"
                     : "=&r"(t0), "=&r"(v), "=&r"(t1) : "r"(p) : "memory");
    (void)v;
    return t1 - t0;
}
static inline uint64_t timed_store(volatile uint64_t *p, uint64_t v)
{
    uint64_t t0, t1;
    __asm__ volatile("csrr %0, mcycle\n sd %2, 0(%3)\n csrr %1, mcycle"
                     : "=&r"(t0), "=&r"(t1) : "r"(v), "r"(p) : "memory");
    return t1 - t0;
}
static inline uint64_t timed_amo(volatile uint64_t *p)
{
    uint64_t t0, t1, v;
    __asm__ volatile("csrr %0, mcycle\n amoadd.d %1, %3, (%4)\n csrr %2, mcycle"
                     : "=&r"(t0), "=&r"(v), "=&r"(t1) : "r"(1UL), "r"(p) : "memory");
    (void)v;
    return t1 - t0;
}
static inline uint64_t empty_region(void)
{
    uint64_t t0, t1;
    __asm__ volatile("csrr %0, mcycle\n csrr %1, mcycle" : "=&r"(t0), "=&r"(t1) : : "memory");
    return t1 - t0;
}

static inline void sort(uint64_t *v, uint64_t n)
{
    for (uint64_t i = 1; i < n; i++)
        for (uint64_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
            uint64_t t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

#endif
