/* The rest of the user library: formatted output, numbers, threads, counters. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "refos.h"
#include "fmt.h"

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	return fmt_vsnprintf(buf, n, fmt, ap);
}

int snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = fmt_vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

/* One console_write per call, so a line from one thread stays whole. */
int printf(const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	return n;
}

int puts(const char *s)
{
	console_write(s, strlen(s));
	console_write("\n", 1);
	return 0;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	unsigned long v = 0;
	while (*s == ' ')
		s++;
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = 10;
	}
	for (;; s++) {
		int d;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'z')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'Z')
			d = *s - 'A' + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
	}
	if (end)
		*end = (char *)s;
	return v;
}

long strtol(const char *s, char **end, int base)
{
	while (*s == ' ')
		s++;
	if (*s == '-')
		return -(long)strtoul(s + 1, end, base);
	return (long)strtoul(s, end, base);
}

int atoi(const char *s) { return (int)strtol(s, 0, 10); }

void abort(void)
{
	printf("abort\n");
	exit(134);
}

extern void __thread_start(void *, void *);

int thread_create(long (*fn)(void *), void *arg)
{
	return sys_thread_spawn(__thread_start, (void *)fn, arg);
}

#define RF_NAME(n, what) #n,
const char *const rf_counter_names[RF_NCOUNTERS] = { RF_HART_COUNTERS(RF_NAME) };

uint64_t rf_counter_sum(const struct rf_stats *s, unsigned idx)
{
	uint64_t sum = 0;
	for (uint64_t h = 0; h < s->nharts && h < RF_MAX_HARTS; h++)
		sum += ((const uint64_t *)&s->hart[h])[idx];
	return sum;
}
