/*
 * vsnprintf for both the kernel and user programs (freestanding: no libc).
 * Supports %d %i %u %x %X %p %s %c %% with l/ll/z lengths, a width, '0' and
 * '-' flags. Always NUL-terminates; returns the length it would have written.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>
#include "fmt.h"

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

static void put_padded(struct out *o, const char *s, size_t n, int width, int left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;
	if (!left)
		while (fill-- > 0)
			put(o, pad);
	for (size_t i = 0; i < n; i++)
		put(o, s[i]);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

int fmt_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
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
		for (; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				left = 1;
			else
				pad = '0';
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng++;
		char tmp[24];
		size_t n = 0;
		switch (*fmt) {
		case 'd':
		case 'i':
		case 'u':
		case 'x':
		case 'X':
		case 'p': {
			uint64_t v;
			int neg = 0, base = (*fmt == 'x' || *fmt == 'X' || *fmt == 'p') ? 16 : 10;
			if (*fmt == 'p')
				v = (uint64_t)(uintptr_t)va_arg(ap, void *);
			else if (*fmt == 'd' || *fmt == 'i') {
				int64_t s = lng ? va_arg(ap, long) : va_arg(ap, int);
				neg = s < 0;
				v = neg ? -(uint64_t)s : (uint64_t)s;
			} else
				v = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			const char *digits = *fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
			do {
				tmp[sizeof(tmp) - 1 - n++] = digits[v % base];
				v /= base;
			} while (v);
			if (*fmt == 'p') {
				tmp[sizeof(tmp) - 1 - n++] = 'x';
				tmp[sizeof(tmp) - 1 - n++] = '0';
			}
			if (neg && pad == '0') {
				put(&o, '-');
				width--;
			} else if (neg)
				tmp[sizeof(tmp) - 1 - n++] = '-';
			put_padded(&o, tmp + sizeof(tmp) - n, n, width, left, pad);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			size_t len = 0;
			while (s[len])
				len++;
			put_padded(&o, s, len, width, left, ' ');
			break;
		}
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			put_padded(&o, tmp, 1, width, left, ' ');
			break;
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
