/* crc32: table-driven CRC-32 of 4 KiB, a byte per step.
 *
 * IEEE CRC-32 (reflected, as zlib) of random data. The 1 KiB table is built in setup.
 * Check: the result equals zlib.crc32 of the same data, computed on the host by expect.py. */
#include "bench.h"

#define N CRC32_BYTES

const char kernel_name[] = "crc32";

static uint32_t data[N / 4];
static uint32_t table[256];
static uint32_t result;

static uint32_t __attribute__((noinline)) crc32(const uint8_t *p, size_t n, const uint32_t *t)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++)
        crc = t[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

void kernel_setup(void)
{
    uint32_t r = CRC32_SEED;
    for (int i = 0; i < N / 4; i++)
        data[i] = rng_next(&r);
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
        table[i] = c;
    }
    result = 0;
}

void kernel_run(void)
{
    result = crc32((const uint8_t *)data, N, table);
}

int kernel_check(void)
{
    if (result != CRC32_EXPECT) {
        check_report("crc32", result, CRC32_EXPECT);
        return 1;
    }
    return 0;
}
