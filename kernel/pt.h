/*
 * Sv39 page tables: three levels of 512 PTEs, each table one frame of type FT_PAGETABLE.
 * Tables hold global physical addresses (mem.h); the code reaches them through pa_to_kva.
 * Pure data-structure code, no CSR access: unit-tested on the host (tests/kernel/test_pt.c).
 */
#ifndef KERNEL_PT_H
#define KERNEL_PT_H

#include "types.h"

typedef uint64_t *pagetable_t; /* kernel address of a root table */

pagetable_t pt_create(void); /* an empty root, or NULL */
/* The level-0 PTE for va, creating tables when alloc; NULL when absent (or out of memory)
 * or when a superpage leaf covers va. */
pte_t *pt_walk(pagetable_t root, uint64_t va, bool alloc);
/* The leaf for va at any level (*level set to 0, 1 or 2), or NULL. */
pte_t *pt_lookup(pagetable_t root, uint64_t va, int *level);
/* Maps one 4 KiB page: 0, -ENOMEM, -EEXIST (already mapped), -EINVAL (unaligned). */
int pt_map(pagetable_t root, uint64_t va, paddr_t pa, uint64_t flags);
/* Maps [va, va+size) to [pa, ...); 2 MiB and 1 GiB leaves where alignment allows when
 * big is set. */
int pt_map_range(pagetable_t root, uint64_t va, paddr_t pa, uint64_t size, uint64_t flags,
		 bool big);
/* Clears the 4 KiB leaf for va; returns the old PTE (0 if there was none). */
pte_t pt_unmap(pagetable_t root, uint64_t va);
/* Calls fn on every valid 4 KiB leaf in [start, end); stops when fn returns nonzero. */
int pt_foreach(pagetable_t root, uint64_t start, uint64_t end,
	       int (*fn)(void *arg, uint64_t va, pte_t *pte), void *arg);
/* Frees the tables below the root entries covering [start, end) (their leaves must be gone
 * already; non-empty tables are a bug) and clears those root entries. */
void pt_free_range(pagetable_t root, uint64_t start, uint64_t end);
/* Frees the root (after pt_free_range of everything it owns). */
void pt_destroy(pagetable_t root);
/* Copies the root entries of src outside [ustart, uend) into dst (shared kernel tables). */
void pt_share(pagetable_t dst, pagetable_t src, uint64_t ustart, uint64_t uend);
/* Counts the table frames under root (tests and statistics). */
uint64_t pt_count_tables(pagetable_t root);

#endif
