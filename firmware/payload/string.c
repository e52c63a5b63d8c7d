/* The memory functions GCC may emit calls to even in freestanding code (struct copies and
 * zero-initialisation). */
#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);

void *memset(void *dst, int c, size_t n)
{
	volatile unsigned char *d = dst; /* volatile: keep GCC from turning this into memset */
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	volatile unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}
