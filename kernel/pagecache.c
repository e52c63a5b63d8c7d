/* The page cache (see pagecache.h). */
#include "fs.h"
#include "mem.h"
#include "pagecache.h"
#include "printf.h"
#include "spinlock.h"

#define NBUCKET 512
static struct pfdat *buckets[NBUCKET];
static struct spinlock pc_lock = { 0, "pagecache", NULL };
static uint64_t npages;
uint64_t pagecache_hits, pagecache_misses;

static inline uint32_t hash(const struct inode *ip, uint64_t pgoff)
{
	uint64_t h = ((uint64_t)ip >> 4) * 0x9e3779b97f4a7c15ULL + pgoff * 0xff51afd7ed558ccdULL;
	return (uint32_t)(h >> 40) % NBUCKET;
}

void pagecache_init(void)
{
	for (int i = 0; i < NBUCKET; i++)
		buckets[i] = NULL;
	npages = 0;
}

struct pfdat *pagecache_get(struct inode *ip, uint64_t pgoff, bool create)
{
	uint32_t h = hash(ip, pgoff);
	spin_lock(&pc_lock);
	for (struct pfdat *pd = buckets[h]; pd; pd = pd->hnext) {
		if (pd->obj == ip && pd->pgoff == pgoff) {
			frame_get(pd);
			pagecache_hits++;
			spin_unlock(&pc_lock);
			return pd;
		}
	}
	pagecache_misses++;
	struct pfdat *pd = NULL;
	if (create) {
		pd = frame_alloc(FT_PAGECACHE);
		if (pd) {
			pd->obj = ip;
			pd->pgoff = pgoff;
			pd->hnext = buckets[h];
			buckets[h] = pd;
			pd->next = ip->pages;
			ip->pages = pd;
			ip->npages++;
			npages++;
			frame_get(pd); /* one for the cache, one for the caller */
		}
	}
	spin_unlock(&pc_lock);
	return pd;
}

void pagecache_drop(struct inode *ip, uint64_t from)
{
	struct pfdat *dropped = NULL;
	spin_lock(&pc_lock);
	struct pfdat **pp = &ip->pages;
	while (*pp) {
		struct pfdat *pd = *pp;
		if (pd->pgoff < from) {
			pp = &pd->next;
			continue;
		}
		*pp = pd->next;
		ip->npages--;
		npages--;
		struct pfdat **hp = &buckets[hash(ip, pd->pgoff)];
		while (*hp != pd)
			hp = &(*hp)->hnext;
		*hp = pd->hnext;
		pd->hnext = NULL;
		pd->obj = NULL;
		pd->next = dropped;
		dropped = pd;
	}
	spin_unlock(&pc_lock);
	while (dropped) {
		struct pfdat *pd = dropped;
		dropped = pd->next;
		pd->next = NULL;
		if (frame_refcnt(pd) > 1)
			pd->type = FT_ANON; /* still mapped: it lives on as the mappings' page */
		frame_put(pd);
	}
}

uint64_t pagecache_pages(void) { return npages; }
