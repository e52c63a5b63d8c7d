/*
 * Spinlocks (interrupts off on this hart while any is held, xv6's push_off/pop_off nesting)
 * and sleeplocks (a holder may sleep; waiters sleep rather than spin). Lock order, outermost
 * first: inode sleeplock, pipe, vmspace, page cache, frame allocator, kernel allocator,
 * process locks, run queues, console.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include "types.h"

struct cpu;

struct spinlock {
	volatile uint32_t locked;
	const char *name;
	struct cpu *cpu; /* holder, for spin_holding and panic messages */
};

void spin_init(struct spinlock *lk, const char *name);
void spin_lock(struct spinlock *lk);
void spin_unlock(struct spinlock *lk);
bool spin_holding(struct spinlock *lk);
void push_off(void);
void pop_off(void);

struct sleeplock {
	struct spinlock lk;
	bool locked;
	int pid;
	const char *name;
};

void sleep_init(struct sleeplock *lk, const char *name);
void sleep_lock(struct sleeplock *lk);
void sleep_unlock(struct sleeplock *lk);
bool sleep_holding(struct sleeplock *lk);

#endif
