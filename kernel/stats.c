/* Kernel statistics (see stats.h). */
#include "cpu.h"
#include "fs.h"
#include "kalloc.h"
#include "mem.h"
#include "pagecache.h"
#include "printf.h"
#include "proc.h"
#include "stats.h"
#include "vm.h"

void stats_print(void)
{
	kprintf("stats: frames %lu free of %lu, kalloc objects %lu, inodes %lu, procs %d\n",
		mem_free_frames(), mem_total_frames(), kalloc_live(), fs_ninodes(), proc_count());
	kprintf("stats: page cache %lu pages, %lu hits, %lu misses; tlb shootdowns %lu (%lu remote)\n",
		pagecache_pages(), pagecache_hits, pagecache_misses, tlb_shootdowns,
		tlb_remote_shootdowns);
	for (int i = 0; i < ncpus; i++)
		kprintf("stats: hart %lu: %lu switches, %lu ticks, %lu syscalls, %lu faults\n",
			cpus[i].hartid, cpus[i].nswitch, cpus[i].nticks, cpus[i].nsyscalls,
			cpus[i].nfaults);
}
