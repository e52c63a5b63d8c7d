/* isort: insertion sort of 256 random 32-bit words.
 *
 * About n*n/4 compare-and-move steps. Check: ascending order, and sum((i+1)*a[i]) mod 2^64
 * equals the sum expect.py computed over Python's sorted() of the same data. */
#include "bench.h"

#define N ISORT_N

const char kernel_name[] = "isort";

static uint32_t a[N];

static void __attribute__((noinline)) insertion_sort(uint32_t *v, int n)
{
    for (int i = 1; i < n; i++) {
        uint32_t x = v[i];
        int j = i - 1;
        while (j >= 0 && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

void kernel_setup(void)
{
    uint32_t r = ISORT_SEED;
    for (int i = 0; i < N; i++)
        a[i] = rng_next(&r);
}

void kernel_run(void)
{
    insertion_sort(a, N);
}

int kernel_check(void)
{
    uint64_t sum = 0;
    for (int i = 0; i < N; i++) {
        if (i && a[i - 1] > a[i]) {
            check_report("order at index", (uint64_t)i, 0);
            return 1;
        }
        sum += (uint64_t)(i + 1) * a[i];
    }
    if (sum != ISORT_WSUM) {
        check_report("weighted sum", sum, ISORT_WSUM);
        return 2;
    }
    return 0;
}
