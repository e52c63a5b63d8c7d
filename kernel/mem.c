/* pfdats and the frame allocator (see mem.h). */
#include "mem.h"
#include "cpu.h"
#include "kstring.h"
#include "printf.h"
#include "spinlock.h"

struct memregion memregions[MAX_MEMREGIONS];
int nmemregions;

#define MAX_BOOT_RESV (MAX_RESERVED + 16)
static struct {
	uint64_t start, end;
} resv[MAX_BOOT_RESV];
static int nresv;
static bool frames_ready;

struct freelist {
	struct spinlock lock;
	struct pfdat *head;
	uint64_t nfree;
};
static struct freelist freelists[MAX_NODES];
static uint64_t total_frames;

void mem_reset(void)
{
	nmemregions = 0;
	nresv = 0;
	frames_ready = false;
	total_frames = 0;
	for (int n = 0; n < MAX_NODES; n++) {
		freelists[n].head = NULL;
		freelists[n].nfree = 0;
	}
}

int mem_add_region(uint64_t kbase, paddr_t gbase, uint64_t size, uint32_t node)
{
	uint64_t start = PG_ROUNDUP(kbase), end = PG_ROUNDDOWN(kbase + size);
	if (nmemregions >= MAX_MEMREGIONS || end <= start || node >= MAX_NODES || frames_ready)
		return -1;
	struct memregion *r = &memregions[nmemregions++];
	r->kbase = start;
	r->gbase = gbase + (start - kbase);
	r->npages = (end - start) / PAGE_SIZE;
	r->node = node;
	r->pfd = NULL;
	return 0;
}

void mem_reserve(uint64_t kstart, uint64_t size)
{
	if (nresv >= MAX_BOOT_RESV)
		panic("mem_reserve: too many reserved ranges");
	resv[nresv].start = PG_ROUNDDOWN(kstart);
	resv[nresv].end = PG_ROUNDUP(kstart + size);
	nresv++;
}

static bool reserved(uint64_t start, uint64_t end, uint64_t *past)
{
	for (int i = 0; i < nresv; i++)
		if (start < resv[i].end && resv[i].start < end) {
			*past = resv[i].end;
			return true;
		}
	return false;
}

void *mem_early_alloc(uint64_t size)
{
	size = PG_ROUNDUP(size);
	if (frames_ready || nmemregions == 0)
		return NULL;
	for (int r = 0; r < nmemregions; r++) {
		struct memregion *m = &memregions[r];
		uint64_t end = m->kbase + m->npages * PAGE_SIZE;
		uint64_t cand = m->kbase, past;
		while (cand + size <= end && reserved(cand, cand + size, &past))
			cand = past;
		if (cand + size <= end && cand + size > cand) {
			mem_reserve(cand, size);
			memset((void *)cand, 0, size);
			return (void *)cand;
		}
	}
	return NULL;
}

void mem_init_frames(void)
{
	for (int r = 0; r < nmemregions; r++) {
		memregions[r].pfd = mem_early_alloc(memregions[r].npages * sizeof(struct pfdat));
		if (!memregions[r].pfd)
			panic("mem: no room for the pfdat table");
	}
	frames_ready = true;
	for (int n = 0; n < MAX_NODES; n++)
		spin_init(&freelists[n].lock, "frames");
	for (int r = 0; r < nmemregions; r++) {
		struct memregion *m = &memregions[r];
		for (uint64_t i = m->npages; i-- > 0;) {
			struct pfdat *pd = &m->pfd[i];
			uint64_t k = m->kbase + i * PAGE_SIZE, past;
			pd->gpa = m->gbase + i * PAGE_SIZE;
			pd->node = (uint8_t)m->node;
			pd->region = (uint8_t)r;
			if (reserved(k, k + PAGE_SIZE, &past)) {
				pd->type = FT_RESERVED;
				pd->refcnt = 1;
				continue;
			}
			pd->type = FT_FREE;
			pd->next = freelists[m->node].head;
			freelists[m->node].head = pd;
			freelists[m->node].nfree++;
			total_frames++;
		}
	}
}

static struct pfdat *freelist_pop(uint32_t node)
{
	struct freelist *fl = &freelists[node];
	spin_lock(&fl->lock);
	struct pfdat *pd = fl->head;
	if (pd) {
		fl->head = pd->next;
		fl->nfree--;
	}
	spin_unlock(&fl->lock);
	return pd;
}

struct pfdat *frame_alloc(enum frame_type type)
{
	/* the asking hart's node first, so that its misses on the frame stay local; then the
	 * home node (first region) and the cell's other nodes */
	uint32_t local = mycpu()->node;
	struct pfdat *pd = local < MAX_NODES ? freelist_pop(local) : NULL;
	for (int r = 0; !pd && r < nmemregions; r++)
		if (memregions[r].node != local)
			pd = freelist_pop(memregions[r].node);
	if (!pd)
		return NULL;
	if (pd->type != FT_FREE || pd->refcnt != 0)
		panic("frame_alloc: frame %lx on the free list has type %d ref %d", pd->gpa,
		      pd->type, pd->refcnt);
	pd->type = (uint8_t)type;
	pd->refcnt = 1;
	pd->next = NULL;
	pd->hnext = NULL;
	pd->obj = NULL;
	pd->pgoff = 0;
	pd->flags = 0;
	pd->export_mask = 0;
	memset(pfdat_kva(pd), 0, PAGE_SIZE);
	return pd;
}

void frame_get(struct pfdat *pd)
{
	if (__atomic_fetch_add(&pd->refcnt, 1, __ATOMIC_ACQ_REL) <= 0)
		panic("frame_get: frame %lx is free", pd->gpa);
}

int frame_refcnt(const struct pfdat *pd)
{
	return __atomic_load_n(&pd->refcnt, __ATOMIC_ACQUIRE);
}

void frame_put(struct pfdat *pd)
{
	/* the tag is read while our reference still holds the frame: once the count is down,
	 * another holder's frame_put may free it and write FT_FREE */
	uint8_t type = __atomic_load_n(&pd->type, __ATOMIC_RELAXED);
	int old = __atomic_fetch_sub(&pd->refcnt, 1, __ATOMIC_ACQ_REL);
	if (old <= 0 || type == FT_FREE || type == FT_RESERVED)
		panic("frame_put: frame %lx type %d ref %d", pd->gpa, type, old);
	if (old > 1)
		return;
	struct freelist *fl = &freelists[pd->node];
	pd->type = FT_FREE;
	pd->obj = NULL;
	spin_lock(&fl->lock);
	pd->next = fl->head;
	fl->head = pd;
	fl->nfree++;
	spin_unlock(&fl->lock);
}

struct pfdat *pfdat_of(paddr_t pa)
{
	for (int r = 0; r < nmemregions; r++) {
		struct memregion *m = &memregions[r];
		uint64_t span = m->npages * PAGE_SIZE;
		if (pa >= m->gbase && pa - m->gbase < span)
			return m->pfd ? &m->pfd[(pa - m->gbase) / PAGE_SIZE] : NULL;
		if (pa >= m->kbase && pa - m->kbase < span)
			return m->pfd ? &m->pfd[(pa - m->kbase) / PAGE_SIZE] : NULL;
	}
	return NULL;
}

void *pfdat_kva(const struct pfdat *pd)
{
	const struct memregion *m = &memregions[pd->region];
	return (void *)(m->kbase + (pd->gpa - m->gbase));
}

struct pfdat *kva_pfdat(const void *kva)
{
	uint64_t k = (uint64_t)kva;
	for (int r = 0; r < nmemregions; r++) {
		struct memregion *m = &memregions[r];
		if (k >= m->kbase && k - m->kbase < m->npages * PAGE_SIZE)
			return &m->pfd[(k - m->kbase) / PAGE_SIZE];
	}
	return NULL;
}

paddr_t kva_to_pa(const void *kva) { return (paddr_t)kva; }

paddr_t kva_to_gpa(const void *kva)
{
	uint64_t k = (uint64_t)kva;
	for (int r = 0; r < nmemregions; r++) {
		struct memregion *m = &memregions[r];
		if (k >= m->kbase && k - m->kbase < m->npages * PAGE_SIZE)
			return m->gbase + (k - m->kbase);
	}
	return k;
}

void *pa_to_kva(paddr_t pa)
{
	for (int r = 0; r < nmemregions; r++) {
		struct memregion *m = &memregions[r];
		uint64_t span = m->npages * PAGE_SIZE;
		if (pa >= m->gbase && pa - m->gbase < span)
			return (void *)(m->kbase + (pa - m->gbase));
		if (pa >= m->kbase && pa - m->kbase < span)
			return (void *)pa;
	}
	return NULL;
}

uint64_t mem_free_frames(void)
{
	uint64_t n = 0;
	for (int i = 0; i < MAX_NODES; i++)
		n += __atomic_load_n(&freelists[i].nfree, __ATOMIC_RELAXED);
	return n;
}

uint64_t mem_total_frames(void) { return total_frames; }
