/* Console (see console.h). */
#include "console.h"
#include "hive_regs.h"
#include "printf.h"
#include "proc.h"
#include "sbi.h"
#include "spinlock.h"
#include "vm.h"
#include "errno.h"

static volatile uint8_t *uart;
static uint32_t uart_shift;
static struct spinlock out_lock = { 0, "console-out", NULL };
static struct spinlock in_lock = { 0, "console-in", NULL };

#define INBUF 256
static char inbuf[INBUF];
static uint32_t in_r, in_w, in_e; /* read, write (complete lines), edit positions */
static volatile bool in_seen;
volatile int console_readers;

#define REG(r) uart[(uint64_t)(r) << uart_shift]

void console_use_uart(uint64_t base, uint32_t shift)
{
	uart_shift = shift;
	uart = (volatile uint8_t *)base;
	REG(HIVE_UART_IER) = 0;
}

static void raw_putc(char c)
{
	if (!uart) {
		sbi_console_putchar(c);
		return;
	}
	while (!(REG(HIVE_UART_LSR) & HIVE_UART_LSR_THRE))
		;
	REG(HIVE_UART_RBR_THR) = (uint8_t)c;
}

void console_putc(char c)
{
	if (c == '\n')
		raw_putc('\r');
	raw_putc(c);
}

void console_lock(void)
{
	if (!panicking)
		spin_lock(&out_lock);
}

void console_unlock(void)
{
	if (!panicking)
		spin_unlock(&out_lock);
}

void console_write(const char *s, size_t n)
{
	console_lock();
	for (size_t i = 0; i < n; i++)
		console_putc(s[i]);
	console_unlock();
}

static int raw_getc(void)
{
	if (!uart)
		return sbi_console_getchar();
	if (REG(HIVE_UART_LSR) & HIVE_UART_LSR_DR)
		return REG(HIVE_UART_RBR_THR);
	return -1;
}

static void echo(char c)
{
	console_lock();
	console_putc(c);
	console_unlock();
}

void console_poll(void)
{
	bool wake = false;
	spin_lock(&in_lock);
	for (int c; (c = raw_getc()) >= 0;) {
		in_seen = true;
		if (c == '\r')
			c = '\n';
		if (c == 0x7f || c == '\b') { /* backspace */
			if (in_e != in_w) {
				in_e--;
				console_write("\b \b", 3);
			}
			continue;
		}
		if (in_e - in_r >= INBUF)
			continue; /* full: drop */
		inbuf[in_e++ % INBUF] = (char)c;
		if (c != 4)
			echo((char)c);
		if (c == '\n' || c == 4 /* ^D */ || in_e - in_r == INBUF) {
			in_w = in_e;
			wake = true;
		}
	}
	spin_unlock(&in_lock);
	if (wake)
		wakeup(&in_r);
}

bool console_input_pending(void)
{
	console_poll();
	return in_seen;
}

long console_read(uint64_t udst, size_t n)
{
	size_t got = 0;
	spin_lock(&in_lock);
	while (got < n) {
		while (in_r == in_w) {
			if (myproc()->killed) {
				spin_unlock(&in_lock);
				return -EINTR;
			}
			__atomic_add_fetch(&console_readers, 1, __ATOMIC_RELAXED);
			sleep_on(&in_r, &in_lock);
			__atomic_sub_fetch(&console_readers, 1, __ATOMIC_RELAXED);
		}
		char c = inbuf[in_r++ % INBUF];
		if (c == 4) { /* ^D: end of input (returned alone) */
			if (got)
				in_r--;
			break;
		}
		/* copyout may fault pages in: done without the input lock */
		spin_unlock(&in_lock);
		if (copyout(udst + got, &c, 1) < 0)
			return -EFAULT;
		got++;
		spin_lock(&in_lock);
		if (c == '\n')
			break;
	}
	spin_unlock(&in_lock);
	return (long)got;
}
