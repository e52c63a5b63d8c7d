/*
 * Per-hart state. In the kernel, tp holds the running hart's struct cpu (set at entry and
 * restored from the trap frame on every trap from user mode).
 */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include "types.h"
#include "param.h"
#include "runq.h"

/* callee-saved registers of a kernel thread, saved by swtch */
struct context {
	uint64_t ra, sp;
	uint64_t s[12];
};

struct proc;
struct vmspace;

struct cpu {
	uint64_t stack_top;       /* scheduler stack (first: entry.S reads it) */
	uint64_t kstack_lo;       /* 8: lowest address of the running kernel stack (trapvec.S) */
	uint64_t trap_t0;         /* 16: scratch for trapvec.S */
	uint64_t hartid;
	int id;                   /* index in cpus[] */
	uint32_t node;            /* the node the hart belongs to (frames come from it first) */
	struct proc *proc;        /* running process or NULL */
	struct context ctx;       /* the scheduler's context */
	int noff, intena;         /* push_off nesting */
	struct runq rq;
	volatile int online;
	volatile int idle;        /* in wfi, waiting for work */
	volatile int need_resched;
	uint64_t icache_gen;      /* last instruction-fetch sync (vm.h: vm_icache_gen) */
	struct vmspace *vs;       /* address space in satp */
	uint64_t nswitch, nticks, nsyscalls, nfaults;
};

extern struct cpu cpus[MAX_HARTS];
extern int ncpus;

#ifndef KERNEL_HOST
static inline struct cpu *mycpu(void)
{
	struct cpu *c;
	__asm__ volatile("mv %0, tp" : "=r"(c));
	return c;
}
#else
struct cpu *mycpu(void); /* host unit tests */
#endif

struct cpu *cpu_by_hartid(uint64_t hartid);

#endif
