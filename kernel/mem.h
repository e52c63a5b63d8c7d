/*
 * Physical memory of the cell: one pfdat (physical frame descriptor, paper section 5.1) per
 * 4 KiB frame of every memory region the cell owns, keyed by the frame's global physical
 * address; a frame allocator over them (one free list per node); and conversions between
 * global addresses, the kernel's addresses of a frame (the remap window for the home node,
 * the global window for the cell's other nodes: both identity-mapped) and pfdats.
 *
 * A frame's refcnt counts its users (mappings, the page cache, kernel objects); frame_put
 * frees it at zero. The type is a tag written by the allocator and cleared by the free
 * (the careful reference protocol checks tags before it trusts a frame).
 */
#ifndef KERNEL_MEM_H
#define KERNEL_MEM_H

#include "types.h"
#include "param.h"

enum frame_type {
	FT_FREE = 0,
	FT_RESERVED,  /* firmware, device tree, kernel image, boot allocations */
	FT_PAGETABLE,
	FT_SLAB,      /* kernel allocator (kalloc.h) */
	FT_KSTACK,
	FT_ANON,      /* anonymous user page */
	FT_PAGECACHE, /* a page of a file, in the page cache (pagecache.h) */
	FT_PIPE,
	FT_KERNEL,    /* other kernel use */
	FT_NTYPES
};

struct inode;

struct pfdat {
	paddr_t gpa;           /* global physical address of the frame: the key */
	uint8_t type;          /* enum frame_type */
	uint8_t node;          /* node whose memory holds the frame (its memory home) */
	uint8_t region;        /* index into memregions */
	uint8_t flags;
	int32_t refcnt;
	/* logical page id (page cache): the object and the page's offset in it */
	struct inode *obj;
	uint64_t pgoff;
	struct pfdat *hnext;   /* page-cache hash chain */
	struct pfdat *next;    /* free list, or the object's list of pages */
	uint64_t export_mask;  /* cells this page is exported to (memory sharing, later) */
};

struct memregion {
	paddr_t gbase;   /* global address of the first frame */
	uint64_t kbase;  /* kernel address of the first frame */
	uint64_t npages;
	uint32_t node;
	struct pfdat *pfd;
};

extern struct memregion memregions[MAX_MEMREGIONS];
extern int nmemregions;

/* Boot: regions first, then reserved ranges (kernel addresses), then early allocations,
 * then mem_init_frames, after which only frame_alloc allocates. */
void mem_reset(void); /* forgets all regions and frames (unit tests only) */
int mem_add_region(uint64_t kbase, paddr_t gbase, uint64_t size, uint32_t node);
void mem_reserve(uint64_t kstart, uint64_t size);
void *mem_early_alloc(uint64_t size); /* page-aligned and zeroed; NULL if no room */
void mem_init_frames(void);

/* zeroed, refcnt 1; from the asking hart's node while it has free frames, then from the home
 * node and the cell's other nodes; NULL when out */
struct pfdat *frame_alloc(enum frame_type type);
void frame_get(struct pfdat *pd);
void frame_put(struct pfdat *pd); /* refcnt - 1, freed at 0 */
int frame_refcnt(const struct pfdat *pd);

struct pfdat *pfdat_of(paddr_t pa); /* a global or remap-window address; NULL if not ours */
void *pfdat_kva(const struct pfdat *pd);
struct pfdat *kva_pfdat(const void *kva);
/* The physical address the cell's harts use for a frame: its remap-window address for the
 * home node, its global address otherwise. PTEs and satp hold these (the remap window is
 * what the cell's harts reach natively; pfdats are still keyed by global address). */
static inline paddr_t pfdat_pa(const struct pfdat *pd) { return (paddr_t)pfdat_kva(pd); }
paddr_t kva_to_pa(const void *kva);   /* physical = kernel address (identity mappings) */
paddr_t kva_to_gpa(const void *kva);  /* the global address */
void *pa_to_kva(paddr_t pa);          /* a local or global address; NULL if not the cell's */

uint64_t mem_free_frames(void);
uint64_t mem_total_frames(void);

#endif
