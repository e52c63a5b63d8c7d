/* Compile-time limits of the cell kernel. */
#ifndef KERNEL_PARAM_H
#define KERNEL_PARAM_H

#define MAX_HARTS 64        /* harts per cell (DESIGN.md: at most 64 harts in the machine) */
#define MAX_NODES 16        /* nodes per machine */
#define MAX_MEMREGIONS 20   /* memory ranges from the device tree */
#define MAX_RESERVED 16     /* reserved ranges from the device tree */
#define NPROC 64            /* processes per cell */
#define NOFILE 16           /* open files per process */
#define MAXARG 32           /* exec arguments */
#define MAXPATH 128         /* path length, NUL included */
#define KSTACK_PAGES 4      /* kernel stack of a process, plus one guard page */
#define BOOT_STACK_SIZE 16384 /* per-hart scheduler stack */
#define TICK_HZ 1000        /* timer ticks per second (200 000 cycles at 200 MHz) */
#define PIPE_SIZE 4096

/* User address space (Sv39, root-table entry 1: one GiB that no kernel mapping uses). */
#define USER_BASE 0x40000000UL
#define USER_TOP 0x80000000UL
#define USER_STACK_MAX (1UL << 20) /* the stack region, filled on demand */
#define USER_MMAP_TOP (USER_TOP - USER_STACK_MAX - PAGE_SIZE)

/* Kernel stacks of processes: a region of their own with a guard page per slot. */
#define KSTACK_REGION 0x300000000UL
#define KSTACK_SLOT ((KSTACK_PAGES + 1) * 4096UL)

#endif
