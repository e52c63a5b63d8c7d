/* Memory and string functions of the freestanding kernel (standard names and meaning).
 * Host unit tests build with KERNEL_HOST and get the C library's. */
#ifndef KERNEL_KSTRING_H
#define KERNEL_KSTRING_H

#ifdef KERNEL_HOST
#include <string.h>
#else
#include "types.h"
void *memset(void *d, int c, size_t n);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strncpy(char *d, const char *s, size_t n);
#endif

#endif
