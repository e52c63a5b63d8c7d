/*
 * Virtual memory.
 *
 * Kernel address space (kvm.c): identity mappings of the cell's memory (RW; the kernel image
 * RX/R/RW by part), read-only mappings of every node's global memory window (the home node's
 * global alias included), the console UART and the cell's controller registers, and the
 * kernel-stack region (one slot per process, a guard page below each stack). All kernel
 * mappings are global (PTE_G) and live under root entries that every address space shares.
 *
 * User address spaces (vm.c): the one root entry [USER_BASE, USER_TOP) is per process. An
 * address space is a sorted list of regions (vmas): anonymous (heap, stack, mmap), or a
 * window of a file (an exec segment, a file mmap), private (copy-on-write) or shared.
 * Pages are filled on demand by vm_fault: anonymous pages zeroed, file pages taken from the
 * page cache (the "quick fault" of paper section 5.2 when the page is cached). fork shares
 * private pages copy-on-write (PTE_COW) and shared ones as they are.
 *
 * TLBs (tlb.c): with ASIDs (when the MMU has them) each address space keeps its ASID and a
 * mask of the harts that may hold its translations; without, satp writes flush. Removing or
 * downgrading a translation shoots it down on every hart in the mask (SBI RFENCE).
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include "types.h"
#include "pt.h"
#include "spinlock.h"

#define VMA_SHARED 0x1
#define VMA_FILE 0x2
#define VMA_HEAP 0x4
#define VMA_STACK 0x8

struct inode;

struct vma {
	uint64_t start, end;  /* page-aligned, end exclusive */
	uint32_t prot;        /* PROT_READ | PROT_WRITE | PROT_EXEC */
	uint32_t flags;       /* VMA_* */
	struct inode *ip;     /* VMA_FILE: the file (a reference is held) */
	uint64_t off;         /* VMA_FILE: file offset of start */
	uint64_t file_end;    /* private file windows: data past this address is zero */
	uint32_t gen;         /* the file's generation number when mapped */
	struct vma *next;
};

struct vmspace {
	struct spinlock lock;
	pagetable_t root;
	uint16_t asid;                 /* 0: none (flush at every switch) */
	volatile uint64_t tlb_harts;   /* harts (cpu index bits) that may cache translations */
	struct vma *vmas;              /* sorted by start */
	uint64_t heap_start, brk;
	uint64_t resident;             /* user pages mapped */
};

enum vm_access { VM_READ, VM_WRITE, VM_EXEC };

/* kernel address space (kvm.c) */
struct fdt_info;
extern pagetable_t kernel_root;
void kvm_init(const struct fdt_info *fi);
void kvm_enable(void);               /* on each hart: satp <- kernel_root */
uint64_t kstack_map(int slot);      /* maps a process's kernel stack; returns its top or 0 */
bool kvm_is_guard(uint64_t va);     /* va lies in a kernel-stack guard page */

/* TLB management (tlb.c) */
void tlb_init(void);                 /* boot hart, after kvm_enable: probes ASIDs */
extern bool tlb_have_asids;
int asid_alloc(void);                /* 0 when none is left (or no ASIDs) */
void asid_free(int asid);
/* local flush and remote shootdown of [va, va+len) of vs (len 0: everything) */
void tlb_shootdown(struct vmspace *vs, uint64_t va, uint64_t len);
extern uint64_t tlb_shootdowns, tlb_remote_shootdowns;

/* user address spaces (vm.c) */
struct vmspace *vm_create(void);
void vm_destroy(struct vmspace *vs);
/* Adds a region (no overlap allowed). */
int vm_map(struct vmspace *vs, uint64_t start, uint64_t len, uint32_t prot, uint32_t flags,
	   struct inode *ip, uint64_t off, uint64_t file_end);
int vm_fault(struct vmspace *vs, uint64_t va, enum vm_access acc);
struct vmspace *vm_fork(struct vmspace *parent); /* NULL when out of memory */
long vm_mmap(struct vmspace *vs, uint64_t addr, uint64_t len, int prot, int flags,
	     struct inode *ip, uint64_t off);
int vm_munmap(struct vmspace *vs, uint64_t addr, uint64_t len);
long vm_sbrk(struct vmspace *vs, long incr);
void vm_activate(struct vmspace *vs); /* satp <- vs (kernel_root when NULL) */
/* Instruction fetch is kept coherent by a generation count: bumped whenever a page becomes
 * executable, checked (fence.i) by each hart before it returns to user mode. */
extern volatile uint64_t vm_icache_gen;
void vm_sync_icache(void);

/* Copies between the kernel and the current process's user memory; user pages are faulted
 * in as needed. 0 or -EFAULT. */
int copyin(void *dst, uint64_t usrc, size_t n);
int copyout(uint64_t udst, const void *src, size_t n);
int copyinstr(char *dst, uint64_t usrc, size_t max); /* length, -EFAULT or -ENAMETOOLONG */
int copyout_vs(struct vmspace *vs, uint64_t udst, const void *src, size_t n);
int copyin_vs(struct vmspace *vs, void *dst, uint64_t usrc, size_t n);

#endif
