/* qsort: quicksort of 1024 random 16-bit keys in 32-bit words.
 *
 * Many duplicate keys. Hoare partition around the median of three, recursion on the smaller
 * side, a loop on the larger, insertion sort below 12 elements. Check as isort: order and a
 * weighted sum from expect.py. */
#include "bench.h"

#define N QSORT_N

const char kernel_name[] = "qsort";

static uint32_t a[N];

static void small_sort(uint32_t *v, int lo, int hi)
{
    for (int i = lo + 1; i <= hi; i++) {
        uint32_t x = v[i];
        int j = i - 1;
        while (j >= lo && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static inline void swap(uint32_t *v, int i, int j)
{
    uint32_t t = v[i];
    v[i] = v[j];
    v[j] = t;
}

static void __attribute__((noinline)) quick_sort(uint32_t *v, int lo, int hi)
{
    while (hi - lo >= 12) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo])
            swap(v, mid, lo);
        if (v[hi] < v[lo])
            swap(v, hi, lo);
        if (v[hi] < v[mid])
            swap(v, hi, mid);
        uint32_t p = v[mid];
        int i = lo - 1, j = hi + 1;
        for (;;) {
            do
                i++;
            while (v[i] < p);
            do
                j--;
            while (v[j] > p);
            if (i >= j)
                break;
            swap(v, i, j);
        }
        /* [lo, j] and [j+1, hi]: recurse into the smaller one. */
        if (j - lo < hi - j) {
            quick_sort(v, lo, j);
            lo = j + 1;
        } else {
            quick_sort(v, j + 1, hi);
            hi = j;
        }
    }
    small_sort(v, lo, hi);
}

void kernel_setup(void)
{
    uint32_t r = QSORT_SEED;
    for (int i = 0; i < N; i++)
        a[i] = rng_next(&r) & 0xffff;
}

void kernel_run(void)
{
    quick_sort(a, 0, N - 1);
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
    if (sum != QSORT_WSUM) {
        check_report("weighted sum", sum, QSORT_WSUM);
        return 2;
    }
    return 0;
}
