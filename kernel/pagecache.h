/*
 * The page cache: pfdats hashed by logical page id (file, page offset), paper section 5.1.
 * For the in-memory file system the cache is where file data lives, so its pages are never
 * evicted; a file's pages go when it is truncated or deleted. A page that is still mapped
 * when its file lets go of it stays with the mappings (the cache's reference was only one).
 */
#ifndef KERNEL_PAGECACHE_H
#define KERNEL_PAGECACHE_H

#include "types.h"

struct inode;
struct pfdat;

void pagecache_init(void);
/* The page (ip, pgoff) with a reference for the caller; a missing page is created zeroed
 * when create, else NULL. NULL also when out of memory. */
struct pfdat *pagecache_get(struct inode *ip, uint64_t pgoff, bool create);
/* Drops ip's pages at pgoff >= from from the cache. */
void pagecache_drop(struct inode *ip, uint64_t from);
uint64_t pagecache_pages(void);
extern uint64_t pagecache_hits, pagecache_misses;

#endif
