/* Formatted output (see ulib.h): %d %i %u %x %p %s %c with l/ll/z, width, '-' and '0'. */
#include "ulib.h"

struct out {
	char *buf;
	size_t cap, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void num(struct out *o, uint64_t v, int base, int neg, int width, char pad, int left)
{
	char t[24];
	int n = 0;
	do {
		t[n++] = "0123456789abcdef"[v % (uint64_t)base];
		v /= (uint64_t)base;
	} while (v);
	int len = n + neg;
	if (!left && pad == ' ')
		for (; len < width; len++)
			put(o, ' ');
	if (neg)
		put(o, '-');
	if (!left && pad == '0')
		for (; len < width; len++)
			put(o, '0');
	while (n)
		put(o, t[--n]);
	if (left)
		for (; len < width; len++)
			put(o, ' ');
}

int vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct out o = { buf, cap, 0 };
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		int left = 0, width = 0, lng = 0;
		char pad = ' ';
		if (*fmt == '-') {
			left = 1;
			fmt++;
		}
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + *fmt++ - '0';
		while (*fmt == 'l' || *fmt == 'z') {
			lng = 1;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			num(&o, v < 0 ? (uint64_t)-v : (uint64_t)v, 10, v < 0, width, pad, left);
			break;
		}
		case 'u':
			num(&o, lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, 0, width, pad, left);
			break;
		case 'x':
			num(&o, lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, 0, width, pad, left);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			num(&o, (uint64_t)va_arg(ap, void *), 16, 0, width, pad, left);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			int n = (int)strlen(s);
			if (!left)
				for (; n < width; n++)
					put(&o, ' ');
			while (*s)
				put(&o, *s++);
			if (left)
				for (; n < width; n++)
					put(&o, ' ');
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case 0:
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (cap)
		buf[o.len < cap ? o.len : cap - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

static int vfd(int fd, const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	write(fd, buf, (size_t)n);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfd(1, fmt, ap);
	va_end(ap);
	return r;
}

int fprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfd(fd, fmt, ap);
	va_end(ap);
	return r;
}

int puts(const char *s)
{
	write(1, s, strlen(s));
	write(1, "\n", 1);
	return 0;
}

int getline_fd(int fd, char *buf, int max)
{
	int n = 0;
	while (n < max - 1) {
		char c;
		long r = read(fd, &c, 1);
		if (r < 0)
			return n ? n : -1;
		if (r == 0)
			break;
		buf[n++] = c;
		if (c == '\n')
			break;
	}
	buf[n] = 0;
	return n;
}
