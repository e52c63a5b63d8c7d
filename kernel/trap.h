/*
 * Traps: system calls, page faults and interrupts (timer, software/IPI) from user mode;
 * interrupts from kernel mode (any exception in kernel mode is a panic). The timer ticks at
 * TICK_HZ on every hart through SBI TIME.
 */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

#include "types.h"

void trap_init_hart(void);   /* stvec, sie, scounteren, first timer */
void user_trap_return(void) __attribute__((noreturn));
uint64_t trap_ticks_to_time(uint64_t ticks);

#endif
