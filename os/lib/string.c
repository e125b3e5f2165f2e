/*
 * String and memory routines shared by the kernel and the user library.
 * memcpy moves 8 bytes at a time when both ends allow it: pipes copy every
 * byte twice, so this loop is most of a stream's cost.
 */
#include <stdint.h>
#include <stddef.h>

void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;
	if (((uintptr_t)p & 7) == 0 && n >= 8) {
		uint64_t w = (unsigned char)c;
		w |= w << 8;
		w |= w << 16;
		w |= w << 32;
		for (; n >= 8; n -= 8, p += 8)
			*(uint64_t *)p = w;
	}
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if ((((uintptr_t)dp ^ (uintptr_t)sp) & 7) == 0) {
		while (((uintptr_t)dp & 7) && n) {
			*dp++ = *sp++;
			n--;
		}
		for (; n >= 32; n -= 32, dp += 32, sp += 32) {
			uint64_t a = ((const uint64_t *)sp)[0], b = ((const uint64_t *)sp)[1];
			uint64_t c = ((const uint64_t *)sp)[2], e = ((const uint64_t *)sp)[3];
			((uint64_t *)dp)[0] = a;
			((uint64_t *)dp)[1] = b;
			((uint64_t *)dp)[2] = c;
			((uint64_t *)dp)[3] = e;
		}
		for (; n >= 8; n -= 8, dp += 8, sp += 8)
			*(uint64_t *)dp = *(const uint64_t *)sp;
	}
	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (dp <= sp || dp >= sp + n)
		return memcpy(d, s, n);
	while (n--)
		dp[n] = sp[n];
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

/* Copies at most n-1 bytes and always terminates (n > 0). */
char *strncpy0(char *d, const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 1 < n && s[i]; i++)
		d[i] = s[i];
	if (n)
		d[i] = 0;
	return d;
}
