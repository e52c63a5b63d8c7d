/* The tagged kernel allocator (see kalloc.h). */
#include "kalloc.h"
#include "kstring.h"
#include "mem.h"
#include "printf.h"
#include "spinlock.h"

#define NCLASS 8 /* 32 .. 4096 */

struct kclass {
	struct spinlock lock;
	void *free; /* free objects (headers), linked through the payload's first word */
	uint32_t size;
};
static struct kclass classes[NCLASS];
static uint64_t live;

void kalloc_init(void)
{
	for (int i = 0; i < NCLASS; i++) {
		spin_init(&classes[i].lock, "kalloc");
		classes[i].size = 32u << i;
		classes[i].free = NULL;
	}
	live = 0;
}

static int class_of(size_t size)
{
	size += KALLOC_HDR;
	for (int i = 0; i < NCLASS; i++)
		if (size <= classes[i].size)
			return i;
	return -1;
}

/* carves a new frame into objects of class c; called with the class lock held */
static bool refill(struct kclass *kc, int c)
{
	struct pfdat *pd = frame_alloc(FT_SLAB);
	if (!pd)
		return false;
	uint8_t *base = pfdat_kva(pd);
	for (uint32_t off = 0; off + kc->size <= PAGE_SIZE; off += kc->size) {
		struct khdr *h = (struct khdr *)(base + off);
		h->tag = KT_FREE;
		h->cls = (uint16_t)c;
		h->magic = 0;
		*(void **)(h + 1) = kc->free;
		kc->free = h;
	}
	return true;
}

void *kalloc(size_t size, uint32_t tag)
{
	int c = class_of(size);
	if (c < 0 || tag == KT_FREE || tag == 0)
		return NULL;
	struct kclass *kc = &classes[c];
	spin_lock(&kc->lock);
	if (!kc->free && !refill(kc, c)) {
		spin_unlock(&kc->lock);
		return NULL;
	}
	struct khdr *h = kc->free;
	kc->free = *(void **)(h + 1);
	if (h->tag != KT_FREE || h->cls != c)
		panic("kalloc: free list corrupt at %p (tag %x)", (void *)h, h->tag);
	h->tag = tag;
	h->magic = KALLOC_MAGIC;
	h->size = (uint32_t)size;
	spin_unlock(&kc->lock);
	__atomic_add_fetch(&live, 1, __ATOMIC_RELAXED);
	memset(h + 1, 0, kc->size - KALLOC_HDR);
	return h + 1;
}

void kfree(void *p, uint32_t tag)
{
	if (!p)
		return;
	struct khdr *h = (struct khdr *)p - 1;
	if (h->magic != KALLOC_MAGIC || h->tag != tag || h->cls >= NCLASS)
		panic("kfree: %p has tag %x magic %x, expected tag %x", p, h->tag, h->magic, tag);
	struct kclass *kc = &classes[h->cls];
	memset(p, 0x5a, kc->size - KALLOC_HDR); /* poison */
	spin_lock(&kc->lock);
	h->tag = KT_FREE;
	h->magic = 0;
	*(void **)(h + 1) = kc->free;
	kc->free = h;
	spin_unlock(&kc->lock);
	__atomic_sub_fetch(&live, 1, __ATOMIC_RELAXED);
}

uint32_t ktag_of(const void *p)
{
	const struct khdr *h = (const struct khdr *)p - 1;
	if (!p || ((uintptr_t)p & 15) || (h->magic != KALLOC_MAGIC && h->tag != KT_FREE))
		return 0;
	return h->tag;
}

bool ktag_check(const void *p, uint32_t tag)
{
	const struct khdr *h = (const struct khdr *)p - 1;
	return p && !((uintptr_t)p & 15) && h->magic == KALLOC_MAGIC && h->tag == tag;
}

uint64_t kalloc_live(void) { return __atomic_load_n(&live, __ATOMIC_RELAXED); }
