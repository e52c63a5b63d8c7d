/* Console output of the payload through the SBI legacy putchar. */
#include "print.h"
#include "sbi.h"

void print(const char *s)
{
	while (*s)
		sbi_putchar(*s++);
}

void print_dec(uint64_t v)
{
	char buf[21];
	int i = sizeof(buf) - 1;
	buf[i] = 0;
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	print(&buf[i]);
}

void print_hex(uint64_t v)
{
	char buf[19];
	int i = sizeof(buf) - 1;
	buf[i] = 0;
	do {
		buf[--i] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	} while (v);
	buf[--i] = 'x';
	buf[--i] = '0';
	print(&buf[i]);
}
