/*
 * The tagged kernel allocator. Every object starts with a header whose first word is the
 * object's type tag, written by kalloc and replaced by KT_FREE in kfree (paper section 4.1,
 * step 4: the careful reference protocol reads the tag of a remote structure before it
 * trusts it). kfree checks the tag it is given, so a double free or a free of the wrong type
 * panics. Objects come in power-of-two classes from 32 to 4096 bytes (header included),
 * carved out of frames of type FT_SLAB; payloads are 16-byte aligned and zeroed.
 */
#ifndef KERNEL_KALLOC_H
#define KERNEL_KALLOC_H

#include "types.h"

#define KTAG(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)
#define KT_FREE KTAG('f', 'r', 'e', 'e')
#define KT_PROC KTAG('P', 'R', 'O', 'C')
#define KT_VMSPACE KTAG('V', 'M', 'S', 'P')
#define KT_VMA KTAG('V', 'M', 'A', ' ')
#define KT_INODE KTAG('I', 'N', 'O', 'D')
#define KT_FILE KTAG('F', 'I', 'L', 'E')
#define KT_PIPE KTAG('P', 'I', 'P', 'E')
#define KT_EXEC KTAG('E', 'X', 'E', 'C')
#define KT_TEST KTAG('T', 'E', 'S', 'T')

#define KALLOC_HDR 16
#define KALLOC_MAX (4096 - KALLOC_HDR)

struct khdr {
	uint32_t tag;
	uint16_t cls;   /* size class index */
	uint16_t magic; /* KALLOC_MAGIC while allocated */
	uint32_t size;  /* requested payload size */
	uint32_t pad;
};
#define KALLOC_MAGIC 0x4b41

void kalloc_init(void);
void *kalloc(size_t size, uint32_t tag);   /* NULL if out of memory or size > KALLOC_MAX */
void kfree(void *p, uint32_t tag);         /* panics unless p is a live object with tag */
/* The tag of the object at p (or 0 when the header is not a kalloc header). */
uint32_t ktag_of(const void *p);
/* p is a live object of type tag: what the careful reference protocol checks. */
bool ktag_check(const void *p, uint32_t tag);
uint64_t kalloc_live(void); /* objects allocated and not freed */

#endif
