/*
 * The cell's console: the UART of the cell's first node (ns16550a, polled: the machine has no
 * interrupt controller), or the SBI legacy console before the UART is known or when the tree
 * names none. Output is serialised by one lock; input is polled (timer tick and idle harts)
 * into a line buffer with echo and backspace; console_read returns whole lines.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include "types.h"

void console_use_uart(uint64_t base, uint32_t shift);
void console_putc(char c); /* caller holds the console lock (or the cell is panicking) */
void console_lock(void);
void console_unlock(void);
void console_write(const char *s, size_t n);
/* Moves received bytes into the line buffer; wakes readers on a complete line. */
void console_poll(void);
/* Reads up to n bytes of the next line into user memory at udst (sleeps until a line is
 * there; -EINTR if the process is killed meanwhile). Returns bytes read, 0 at end of input. */
long console_read(uint64_t udst, size_t n);
/* A byte has arrived that nobody has read yet (init's "input attached" test). */
bool console_input_pending(void);
/* Some process waits for console input (idle harts then poll instead of sleeping). */
extern volatile int console_readers;

#endif
