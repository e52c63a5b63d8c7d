/* Runtime of the benchmark kernels: counters, console, finisher (see bench.h). */
#include "bench.h"

/* Repetition 0 runs cold, the later ones warm (bench.h); the runner reports 0 and the last. */
#define REPS 3

/* The L1 D: 256 direct-mapped lines (rtl/cache/l1_cache.sv, LINES). Reading a buffer of its
 * size, aligned to it, replaces every line; dirty lines are written back on the way. */
#define L1D_BYTES (256 * HIVE_LINE_BYTES)
static volatile uint64_t evict_buf[L1D_BYTES / 8]
    __attribute__((section(".evict"), aligned(L1D_BYTES)));

struct counters {
    uint64_t cycles, instret, imiss, dmiss, stall;
};

/* Each end of a region reads the five counters back to back in one asm statement, cycles and
 * instret innermost, so that all five count nearly the same instructions; the empty region
 * measured first gives what the reading itself adds (the runner subtracts it). */
static inline __attribute__((always_inline)) void region_start(struct counters *c)
{
    uint64_t im, dm, st, in, cy;
    __asm__ volatile("csrr %0, mhpmcounter3\n\tcsrr %1, mhpmcounter4\n\tcsrr %2, mhpmcounter5\n\t"
                     "csrr %3, minstret\n\tcsrr %4, mcycle"
                     : "=&r"(im), "=&r"(dm), "=&r"(st), "=&r"(in), "=&r"(cy)
                     :
                     : "memory");
    c->imiss = im;
    c->dmiss = dm;
    c->stall = st;
    c->instret = in;
    c->cycles = cy;
}

static inline __attribute__((always_inline)) void region_end(struct counters *c)
{
    uint64_t im, dm, st, in, cy;
    __asm__ volatile("csrr %4, mcycle\n\tcsrr %3, minstret\n\tcsrr %2, mhpmcounter5\n\t"
                     "csrr %1, mhpmcounter4\n\tcsrr %0, mhpmcounter3"
                     : "=&r"(im), "=&r"(dm), "=&r"(st), "=&r"(in), "=&r"(cy)
                     :
                     : "memory");
    c->imiss = im;
    c->dmiss = dm;
    c->stall = st;
    c->instret = in;
    c->cycles = cy;
}

static void put_counters(const struct counters *s, const struct counters *e)
{
    put_str(" cycles=");
    put_u64(e->cycles - s->cycles);
    put_str(" instret=");
    put_u64(e->instret - s->instret);
    put_str(" imiss=");
    put_u64(e->imiss - s->imiss);
    put_str(" dmiss=");
    put_u64(e->dmiss - s->dmiss);
    put_str(" stall=");
    put_u64(e->stall - s->stall);
    put_str("\n");
}

/* Neither L1 holds anything of the kernel: fence.i empties the L1 I (and writes the L1 D
 * back), the eviction buffer then fills the L1 D. */
static void __attribute__((noinline)) caches_cold(void)
{
    __asm__ volatile("fence.i" ::: "memory");
    for (unsigned i = 0; i < L1D_BYTES / 8; i += HIVE_LINE_BYTES / 8)
        (void)evict_buf[i];
}

int main(void)
{
    struct counters s, e;

    __asm__ volatile("csrw mhpmevent3, %0" : : "r"(HIVE_HPM_IMISS));
    __asm__ volatile("csrw mhpmevent4, %0" : : "r"(HIVE_HPM_DMISS));
    __asm__ volatile("csrw mhpmevent5, %0" : : "r"(HIVE_HPM_STALL));

    /* The empty region twice: the second finds the reading code in the L1 I. */
    for (int i = 0; i < 2; i++) {
        region_start(&s);
        region_end(&e);
        __asm__ volatile("" ::: "memory"); /* one loop body, not two unrolled copies */
    }
    put_str("bench overhead");
    put_counters(&s, &e);

    for (int rep = 0; rep < REPS; rep++) {
        kernel_setup();
        if (rep == 0)
            caches_cold();
        region_start(&s);
        kernel_run();
        region_end(&e);
        int bad = kernel_check();
        if (bad) {
            put_str("bench check failed: kernel=");
            put_str(kernel_name);
            put_str(" rep=");
            put_u64((uint64_t)rep);
            put_str(" check=");
            put_u64((uint64_t)bad);
            put_str("\n");
            return 10 + bad;
        }
        put_str("bench kernel=");
        put_str(kernel_name);
        put_str(" rep=");
        put_u64((uint64_t)rep);
        put_counters(&s, &e);
    }
    put_str("bench done kernel=");
    put_str(kernel_name);
    put_str("\n");
    return 0;
}

/* ---- console and finisher ---- */

#define UART_THR ((volatile uint8_t *)(uintptr_t)(HIVE_NODEDEV_BASE + HIVE_NODEDEV_UART + \
                                                  HIVE_UART_RBR_THR))
#define UART_LSR ((volatile uint8_t *)(uintptr_t)(HIVE_NODEDEV_BASE + HIVE_NODEDEV_UART + \
                                                  HIVE_UART_LSR))
#define FINISHER ((volatile uint32_t *)(uintptr_t)HIVE_MFINISH_BASE)

static void put_char(char c)
{
    while (!(*UART_LSR & HIVE_UART_LSR_THRE))
        ;
    *UART_THR = (uint8_t)c;
}

void put_str(const char *s)
{
    while (*s)
        put_char(*s++);
}

void put_u64(uint64_t v)
{
    char buf[24];
    int i = 0;
    do {
        buf[i++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (i)
        put_char(buf[--i]);
}

void put_hex(uint64_t v)
{
    put_str("0x");
    for (int sh = 60; sh >= 0; sh -= 4)
        put_char("0123456789abcdef"[(v >> sh) & 15]);
}

void check_report(const char *what, uint64_t got, uint64_t want)
{
    put_str("bench check failed: kernel=");
    put_str(kernel_name);
    put_str(" ");
    put_str(what);
    put_str(" got=");
    put_hex(got);
    put_str(" want=");
    put_hex(want);
    put_str("\n");
}

/* Never returns: pass for 0, else fail with the code (1..99, as hive-sim's exit status). */
void __attribute__((noreturn)) bench_exit(int code)
{
    __asm__ volatile("fence.i" ::: "memory");
    if (code == 0)
        *FINISHER = (uint32_t)HIVE_FINISH_PASS;
    else
        *FINISHER = ((uint32_t)code << 16) | (uint32_t)HIVE_FINISH_FAIL;
    for (;;)
        ;
}

/* Any trap is a bug in a kernel: report it and fail with code 97. */
void __attribute__((interrupt("machine"), aligned(4), noreturn)) bench_trap(void)
{
    uint64_t cause, epc, tval;
    __asm__ volatile("csrr %0, mcause" : "=r"(cause));
    __asm__ volatile("csrr %0, mepc" : "=r"(epc));
    __asm__ volatile("csrr %0, mtval" : "=r"(tval));
    put_str("bench trap: mcause=");
    put_hex(cause);
    put_str(" mepc=");
    put_hex(epc);
    put_str(" mtval=");
    put_hex(tval);
    put_str("\n");
    bench_exit(97);
}

/* ---- helpers ---- */

uint32_t check_crc32(const void *p, size_t n)
{
    const uint8_t *b = (const uint8_t *)p;
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        crc ^= b[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

void *memset(void *d, int c, size_t n)
{
    uint8_t *p = (uint8_t *)d;
    while (n--)
        *p++ = (uint8_t)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *p = (uint8_t *)d;
    const uint8_t *q = (const uint8_t *)s;
    while (n--)
        *p++ = *q++;
    return d;
}
