/* Kernel statistics printed at shutdown (memory, page cache, scheduling, TLB). */
#ifndef KERNEL_STATS_H
#define KERNEL_STATS_H
void stats_print(void);
#endif
