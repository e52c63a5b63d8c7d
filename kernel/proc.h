/*
 * Processes: one thread each, a kernel stack (with a guard page) whose top holds the trap
 * frame, an address space (vm.h), open files and a working directory. Scheduling: per-hart
 * run queues (runq.h); a runnable process sits on exactly one queue; idle harts steal.
 * Sleep/wakeup on channels as in Unix V6; kill marks the process and wakes it, and it exits
 * at its next return to user mode.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "types.h"
#include "param.h"
#include "cpu.h"
#include "spinlock.h"
#include "runq.h"

/* Saved user registers (regs[i] is xi; regs[0] unused), at the top of the kernel stack.
 * The offsets are used by trapvec.S. */
struct trapframe {
	uint64_t regs[32];
	uint64_t sepc;    /* 256 */
	uint64_t sstatus; /* 264 */
	uint64_t scause;  /* 272 */
	uint64_t stval;   /* 280 */
	uint64_t ksp;     /* 288: kernel stack pointer for traps from user mode */
	uint64_t ktp;     /* 296: the hart's struct cpu */
};
#define TF_SIZE 304

enum procstate { P_UNUSED, P_EMBRYO, P_SLEEPING, P_RUNNABLE, P_RUNNING, P_ZOMBIE };

struct file;
struct inode;
struct vmspace;

struct proc {
	struct spinlock lock;
	enum procstate state; /* under lock */
	void *chan;           /* sleeping on, under lock */
	volatile int killed;
	int xstatus;
	int pid;
	struct proc *parent;  /* under wait_lock */
	struct vmspace *vs;
	int kslot;            /* kernel stack slot */
	uint64_t kstack_top;
	struct trapframe *tf;
	struct context ctx;
	struct file *ofile[NOFILE];
	struct inode *cwd;
	char name[16];
	struct rq_link rq;
	int cpu;              /* hart (index) it last ran on */
	uint64_t wake_tick;   /* sleep(ms): tick to wake at */
};

struct proc *myproc(void);
void proc_init(void);
void proc_start_init(void);           /* makes the first process (it execs /bin/init) */
int proc_fork(void);
void proc_exit(int status) __attribute__((noreturn));
int proc_wait(int pid, uint64_t ustatus, int options);
int proc_kill(int pid);
void proc_yield(void);
int proc_sleep_ms(uint64_t ms);
void scheduler(void) __attribute__((noreturn));
void sched(void); /* p->lock held, state already changed: switch to the scheduler */
/* Sleeps on chan; lk (held) is released while asleep and taken again before returning. */
void sleep_on(void *chan, struct spinlock *lk);
void wakeup(void *chan);
void proc_tick(void);                 /* timer tick on the boot hart: wakes timed sleepers */
int proc_count(void);
void proc_dump(void);
/* Wakes an idle hart so it looks at the run queues. */
void proc_kick(int cpu);

extern volatile uint64_t ticks;

#endif
