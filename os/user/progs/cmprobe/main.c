/*
 * cmprobe: a program whose cache and TLB behaviour follows from a model's
 * parameters alone, so that the emulator plugin's model can be checked
 * against them (harness/tests/cmprobe.sh).
 *
 *   cmprobe BYTES STRIDE PASSES WARM [ecall]
 *
 * reads one byte every STRIDE bytes of a page-aligned buffer of BYTES
 * bytes, WARM times before the measured region (filling the caches and
 * TLBs; a cache that replaces at random needs several passes to settle)
 * and PASSES times inside it. With "ecall" each pass ends with one getpid,
 * the null system call, made inline: the loop then touches no memory but
 * the buffer (no stack, no call), so every other access in the region is
 * the kernel's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "refos.h"
#include "wl_mark.h"

#define MAX_BYTES (1ul << 20)
static char buf[MAX_BYTES] __attribute__((aligned(4096)));

static unsigned long walk(const volatile char *p, unsigned long bytes, unsigned long stride,
			  unsigned long passes, int ecall)
{
	unsigned long sum = 0;
	for (unsigned long pass = 0; pass < passes; pass++) {
		for (unsigned long off = 0; off < bytes; off += stride)
			sum += (unsigned char)p[off];
		if (ecall) {
			register long a7 __asm__("a7") = SYS_getpid;
			register long a0 __asm__("a0");
			__asm__ volatile("ecall" : "=r"(a0) : "r"(a7) : "memory");
			sum += (unsigned long)a0;
		}
	}
	return sum;
}

int main(int argc, char **argv)
{
	if (argc < 5 || argc > 6 || (argc == 6 && strcmp(argv[5], "ecall"))) {
		printf("usage: cmprobe BYTES STRIDE PASSES WARM [ecall]\n");
		return 2;
	}
	unsigned long bytes = strtoul(argv[1], 0, 0), stride = strtoul(argv[2], 0, 0);
	unsigned long passes = strtoul(argv[3], 0, 0), warm = strtoul(argv[4], 0, 0);
	int ecall = argc == 6;
	if (!bytes || bytes > MAX_BYTES || !stride || stride > bytes) {
		printf("cmprobe: want 0 < STRIDE <= BYTES <= %lu\n", MAX_BYTES);
		return 2;
	}
	/* Distinct bytes, so that the sum shows every read happened. */
	for (unsigned long off = 0; off < bytes; off += stride)
		buf[off] = (char)(off / stride);
	unsigned long sum = walk(buf, bytes, stride, warm, ecall);
	wl_mark(WL_MARK_BEGIN);
	sum += walk(buf, bytes, stride, passes, ecall);
	wl_mark(WL_MARK_END);
	printf("cmprobe: bytes %lu stride %lu passes %lu warm %lu%s sum %lu\n", bytes, stride, passes,
	       warm, ecall ? " ecall" : "", sum);
	return 0;
}
