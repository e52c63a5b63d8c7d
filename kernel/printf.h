/* Kernel console output: kprintf (with %d %i %u %x %p %s %c, l/ll/z modifiers, width and
 * zero padding), ksnprintf, and panic. */
#ifndef KERNEL_PRINTF_H
#define KERNEL_PRINTF_H

#include <stdarg.h>
#include "types.h"

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ksnprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int kvsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
/* Stops the cell: prints the message and a backtrace, sets the memory cutoff of every node of
 * the cell (cutoff.h), stops the other harts and powers off with SRST "system failure". */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
extern volatile int panicking;

#endif
