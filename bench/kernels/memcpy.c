/* memcpy: copy of 4 KiB between 8-byte-aligned buffers, 64-bit words.
 *
 * The project's own copy: bytes up to an 8-byte boundary, then four 64-bit words per
 * iteration, then bytes.
 * Check: the CRC-32 of the destination equals zlib.crc32 of the source data (expect.py). */
#include "bench.h"

#define N MEMCPY_BYTES

const char kernel_name[] = "memcpy";

static uint64_t src[N / 8] __attribute__((aligned(64)));
static uint64_t dst[N / 8] __attribute__((aligned(64)));

/* Not called memcpy: the kernel must be this code, not what the compiler puts in its place. */
static void __attribute__((noinline)) copy(void *d, const void *s, size_t n)
{
    uint8_t *db = (uint8_t *)d;
    const uint8_t *sb = (const uint8_t *)s;
    if ((((uintptr_t)db ^ (uintptr_t)sb) & 7) == 0) {
        while (n && ((uintptr_t)db & 7)) {
            *db++ = *sb++;
            n--;
        }
        uint64_t *dw = (uint64_t *)db;
        const uint64_t *sw = (const uint64_t *)sb;
        for (; n >= 32; n -= 32, dw += 4, sw += 4) {
            uint64_t a = sw[0], b = sw[1], c = sw[2], e = sw[3];
            dw[0] = a;
            dw[1] = b;
            dw[2] = c;
            dw[3] = e;
        }
        for (; n >= 8; n -= 8)
            *dw++ = *sw++;
        db = (uint8_t *)dw;
        sb = (const uint8_t *)sw;
    }
    while (n--)
        *db++ = *sb++;
}

void kernel_setup(void)
{
    uint32_t r = MEMCPY_SEED;
    uint32_t *s = (uint32_t *)src;
    for (int i = 0; i < N / 4; i++)
        s[i] = rng_next(&r);
    for (int i = 0; i < N / 8; i++)
        dst[i] = 0;
}

void kernel_run(void)
{
    copy(dst, src, N);
}

int kernel_check(void)
{
    uint32_t crc = check_crc32(dst, N);
    if (crc != MEMCPY_CRC) {
        check_report("crc32(dst)", crc, MEMCPY_CRC);
        return 1;
    }
    return 0;
}
