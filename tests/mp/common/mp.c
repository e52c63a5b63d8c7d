/* Runtime of the multi-hart test programs: barrier, console, failure, traps (mp.h). */
#include "mp.h"

volatile uint64_t mp_nodes, mp_cores, mp_harts;
volatile struct mp_trapinfo mp_trapinfo[64];
void (*volatile mp_irq_hook[64])(uint64_t hart, uint64_t code);

static struct mp_bar all_bar;
/* one 64-byte line per hart, 64 harts at most (like mp_trapinfo) */
static uint64_t all_sense[64 * 8] __attribute__((aligned(64)));

static inline uint64_t hartid(void)
{
    uint64_t h;
    __asm__ volatile("csrr %0, mhartid" : "=r"(h));
    return h;
}

void mp_barrier_of(struct mp_bar *b, uint64_t n, uint64_t *local_sense)
{
    uint64_t s = !*local_sense;
    *local_sense = s;
    mp_fence();
    if (mp_amoadd(&b->count, 1) == n - 1) {
        b->count = 0;
        mp_fence();
        b->sense = s;
    } else {
        while (b->sense != s)
            ;
    }
    mp_fence();
}

void mp_barrier(void)
{
    mp_barrier_of(&all_bar, mp_harts, &all_sense[hartid() * 8]);
}

uint64_t mp_seed_for(uint64_t seed, uint64_t hart, uint64_t salt)
{
    /* splitmix64 of the three */
    uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (hart + 1) + 0xbf58476d1ce4e5b9ULL * (salt + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return z ? z : 1;
}

/* ---- console ---- */
static volatile uint64_t print_lock __attribute__((aligned(64)));

static void uart_put(char c)
{
    uint64_t node = mp_cores ? hartid() / mp_cores : 0;
    volatile uint8_t *thr = (volatile uint8_t *)(uintptr_t)(HIVE_NODEDEV_BASE +
                                                             node * HIVE_NODEDEV_SIZE +
                                                             HIVE_NODEDEV_UART +
                                                             HIVE_UART_RBR_THR);
    *thr = (uint8_t)c;
}

static void put_num(uint64_t v, unsigned base, int width, char pad, int neg)
{
    char buf[24];
    int n = 0;
    do {
        unsigned d = (unsigned)(v % base);
        buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    if (neg)
        buf[n++] = '-';
    while (n < width)
        buf[n++] = pad;
    while (n)
        uart_put(buf[--n]);
}

/* %d %u %x %s %c with an optional 0 flag, width and l/ll (all integers are taken as 64-bit
 * when l is given, int otherwise). */
void mp_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* the lock holds hart + 1; a hart that traps while printing may print again (nested) */
    uint64_t me = hartid() + 1, v, failed, nested = 0;
    for (;;) {
        __asm__ volatile("lr.d.aq %0, (%1)" : "=r"(v) : "r"(&print_lock) : "memory");
        if (v == me) {
            nested = 1;
            break;
        }
        if (v)
            continue;
        __asm__ volatile("sc.d %0, %2, (%1)" : "=r"(failed) : "r"(&print_lock), "r"(me)
                         : "memory");
        if (!failed)
            break;
    }
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            uart_put(*p);
            continue;
        }
        p++;
        char pad = ' ';
        int width = 0, lng = 0;
        if (*p == '0') {
            pad = '0';
            p++;
        }
        while (*p >= '0' && *p <= '9')
            width = width * 10 + (*p++ - '0');
        while (*p == 'l') {
            lng = 1;
            p++;
        }
        switch (*p) {
        case 'd': {
            int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
            put_num(v < 0 ? (uint64_t)-v : (uint64_t)v, 10, width, pad, v < 0);
            break;
        }
        case 'u':
            put_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, width, pad, 0);
            break;
        case 'x':
            put_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, width, pad, 0);
            break;
        case 's':
            for (const char *s = va_arg(ap, const char *); *s; s++)
                uart_put(*s);
            break;
        case 'c':
            uart_put((char)va_arg(ap, int));
            break;
        case '%':
            uart_put('%');
            break;
        default:
            uart_put('?');
            break;
        }
    }
    mp_fence();
    if (!nested)
        mp_amoswap(&print_lock, 0);
    va_end(ap);
}

void mp_fail(int code)
{
    if (code < 1 || code > 99)
        code = 98;
    mp_fence();
    *(volatile uint32_t *)(uintptr_t)HIVE_MFINISH_BASE =
        ((uint32_t)code << 16) | (uint32_t)HIVE_FINISH_FAIL;
    for (;;)
        __asm__ volatile("wfi");
}

/* ---- traps ---- */
extern char mp_probe_ld[], mp_probe_sd[], mp_probe_amo[];

struct frame {
    uint64_t x[32];
    uint64_t mepc;
};

void mp_trap(struct frame *f);
void mp_trap(struct frame *f)
{
    uint64_t cause, tval, h = hartid();
    __asm__ volatile("csrr %0, mcause" : "=r"(cause));
    __asm__ volatile("csrr %0, mtval" : "=r"(tval));
    if ((int64_t)cause < 0) {
        uint64_t code = cause << 1 >> 1;
        if (h < 64 && mp_irq_hook[h]) {
            mp_irq_hook[h](h, code);
            return;
        }
    } else if ((cause == 5 || cause == 7) &&
               (f->mepc == (uintptr_t)mp_probe_ld || f->mepc == (uintptr_t)mp_probe_sd ||
                f->mepc == (uintptr_t)mp_probe_amo)) {
        if (h < 64) {
            mp_trapinfo[h].cause = cause;
            mp_trapinfo[h].epc = f->mepc;
            mp_trapinfo[h].tval = tval;
            mp_trapinfo[h].count++;
        }
        f->x[10] = cause; /* a0 */
        f->mepc += 4;
        return;
    }
    mp_printf("hart %lu: unexpected trap: mcause 0x%lx mepc 0x%lx mtval 0x%lx\n", h, cause,
              f->mepc, tval);
    mp_fail(MP_FAIL_TRAP);
}

/* The compiler may emit calls to these for struct copies and clears. */
void *memset(void *d, int c, unsigned long n);
void *memset(void *d, int c, unsigned long n)
{
    unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}
void *memcpy(void *d, const void *s, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n)
{
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}
