/* Sv39 page tables (see pt.h). */
#include "pt.h"
#include "errno.h"
#include "mem.h"
#include "printf.h"
#include "riscv.h"

static pagetable_t table_alloc(void)
{
	struct pfdat *pd = frame_alloc(FT_PAGETABLE);
	return pd ? pfdat_kva(pd) : NULL;
}

static void table_free(pagetable_t t)
{
	struct pfdat *pd = kva_pfdat(t);
	if (!pd || pd->type != FT_PAGETABLE)
		panic("pt: freeing %p, not a page table", (void *)t);
	frame_put(pd);
}

static pagetable_t next_table(pte_t pte) { return pa_to_kva(PTE_PA(pte)); }

pagetable_t pt_create(void) { return table_alloc(); }

pte_t *pt_walk(pagetable_t root, uint64_t va, bool alloc)
{
	if (va >= SV39_VA_MAX)
		return NULL;
	pagetable_t t = root;
	for (int level = 2; level > 0; level--) {
		pte_t *pte = &t[VA_INDEX(va, level)];
		if (*pte & PTE_V) {
			if (PTE_LEAF(*pte))
				return NULL;
			t = next_table(*pte);
			if (!t)
				panic("pt_walk: table pointer %lx outside the cell", *pte);
		} else {
			if (!alloc)
				return NULL;
			pagetable_t n = table_alloc();
			if (!n)
				return NULL;
			*pte = PA_PTE(kva_to_pa(n)) | PTE_V;
			t = n;
		}
	}
	return &t[VA_INDEX(va, 0)];
}

pte_t *pt_lookup(pagetable_t root, uint64_t va, int *level)
{
	if (va >= SV39_VA_MAX)
		return NULL;
	pagetable_t t = root;
	for (int l = 2; l >= 0; l--) {
		pte_t *pte = &t[VA_INDEX(va, l)];
		if (!(*pte & PTE_V))
			return NULL;
		if (PTE_LEAF(*pte)) {
			if (level)
				*level = l;
			return pte;
		}
		if (l == 0)
			return NULL;
		t = next_table(*pte);
	}
	return NULL;
}

int pt_map(pagetable_t root, uint64_t va, paddr_t pa, uint64_t flags)
{
	if ((va | pa) & (PAGE_SIZE - 1))
		return -EINVAL;
	pte_t *pte = pt_walk(root, va, true);
	if (!pte)
		return pt_lookup(root, va, NULL) ? -EEXIST : -ENOMEM; /* a superpage covers va */
	if (*pte & PTE_V)
		return -EEXIST;
	*pte = PA_PTE(pa) | flags | PTE_V;
	return 0;
}

int pt_map_range(pagetable_t root, uint64_t va, paddr_t pa, uint64_t size, uint64_t flags,
		 bool big)
{
	if ((va | pa | size) & (PAGE_SIZE - 1))
		return -EINVAL;
	while (size) {
		int level = 0;
		if (big) {
			for (int l = 2; l > 0; l--) {
				uint64_t span = PAGE_SIZE << (9 * l);
				if (!((va | pa) & (span - 1)) && size >= span) {
					level = l;
					break;
				}
			}
		}
		uint64_t span = PAGE_SIZE << (9 * level);
		if (level == 0) {
			int r = pt_map(root, va, pa, flags);
			if (r)
				return r;
		} else {
			pagetable_t t = root;
			for (int l = 2; l > level; l--) {
				pte_t *pte = &t[VA_INDEX(va, l)];
				if (!(*pte & PTE_V)) {
					pagetable_t n = table_alloc();
					if (!n)
						return -ENOMEM;
					*pte = PA_PTE(kva_to_pa(n)) | PTE_V;
				} else if (PTE_LEAF(*pte))
					return -EEXIST;
				t = next_table(*pte);
			}
			pte_t *pte = &t[VA_INDEX(va, level)];
			if (*pte & PTE_V)
				return -EEXIST;
			*pte = PA_PTE(pa) | flags | PTE_V;
		}
		va += span;
		pa += span;
		size -= span;
	}
	return 0;
}

pte_t pt_unmap(pagetable_t root, uint64_t va)
{
	pte_t *pte = pt_walk(root, va, false);
	if (!pte || !(*pte & PTE_V))
		return 0;
	pte_t old = *pte;
	*pte = 0;
	return old;
}

static int foreach_level(pagetable_t t, int level, uint64_t base, uint64_t start, uint64_t end,
			 int (*fn)(void *, uint64_t, pte_t *), void *arg)
{
	uint64_t span = PAGE_SIZE << (9 * level);
	/* only the entries that overlap [start, end) */
	uint64_t first = start > base ? (start - base) / span : 0;
	uint64_t last = end > base ? (end - base + span - 1) / span : 0;
	if (last > 512)
		last = 512;
	for (uint64_t i = first; i < last; i++) {
		uint64_t va = base + i * span;
		pte_t *pte = &t[i];
		if (!(*pte & PTE_V))
			continue;
		if (PTE_LEAF(*pte)) {
			if (level == 0) {
				int r = fn(arg, va, pte);
				if (r)
					return r;
			}
			continue;
		}
		if (level == 0)
			continue;
		int r = foreach_level(next_table(*pte), level - 1, va, start, end, fn, arg);
		if (r)
			return r;
	}
	return 0;
}

int pt_foreach(pagetable_t root, uint64_t start, uint64_t end,
	       int (*fn)(void *arg, uint64_t va, pte_t *pte), void *arg)
{
	return foreach_level(root, 2, 0, start, end, fn, arg);
}

static void free_level(pagetable_t t, int level)
{
	for (int i = 0; i < 512; i++) {
		pte_t pte = t[i];
		if (!(pte & PTE_V))
			continue;
		if (PTE_LEAF(pte) || level == 0)
			panic("pt_free_range: mapping left at level %d (pte %lx)", level, pte);
		free_level(next_table(pte), level - 1);
	}
	table_free(t);
}

void pt_free_range(pagetable_t root, uint64_t start, uint64_t end)
{
	uint64_t span = PAGE_SIZE << 18;
	for (int i = 0; i < 512; i++) {
		uint64_t va = (uint64_t)i * span;
		if (va + span <= start || va >= end)
			continue;
		pte_t pte = root[i];
		if (!(pte & PTE_V))
			continue;
		if (PTE_LEAF(pte))
			panic("pt_free_range: gigapage in a user range");
		free_level(next_table(pte), 1);
		root[i] = 0;
	}
}

void pt_destroy(pagetable_t root) { table_free(root); }

void pt_share(pagetable_t dst, pagetable_t src, uint64_t ustart, uint64_t uend)
{
	uint64_t span = PAGE_SIZE << 18;
	for (int i = 0; i < 512; i++) {
		uint64_t va = (uint64_t)i * span;
		if (va + span <= ustart || va >= uend)
			dst[i] = src[i];
	}
}

static uint64_t count_level(pagetable_t t, int level)
{
	uint64_t n = 1;
	for (int i = 0; i < 512 && level > 0; i++)
		if ((t[i] & PTE_V) && !PTE_LEAF(t[i]))
			n += count_level(next_table(t[i]), level - 1);
	return n;
}

uint64_t pt_count_tables(pagetable_t root) { return count_level(root, 2); }
