/* Basic integer types and helpers shared by every kernel file (freestanding C11). */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef uint64_t pte_t;
typedef uint64_t paddr_t; /* a global physical address (see mem.h) */

#define PAGE_SIZE 4096UL
#define PAGE_SHIFT 12
#define PG_ROUNDUP(x) (((uint64_t)(x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define PG_ROUNDDOWN(x) ((uint64_t)(x) & ~(PAGE_SIZE - 1))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define UNUSED(x) ((void)(x))

#endif
