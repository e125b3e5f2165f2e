/* The refos user library: syscalls, threads, counters. */
#pragma once
#include <stdint.h>
#include <stddef.h>
#include "uapi/refos.h"
#include "usys.h"

/* Starts fn(arg) in a new thread of this process; returns its tid or -errno. */
int thread_create(long (*fn)(void *), void *arg);

/* Names of the per-hart counters, in struct rf_hart_stats order. */
extern const char *const rf_counter_names[RF_NCOUNTERS];
/* Sum of one counter over all harts. */
uint64_t rf_counter_sum(const struct rf_stats *s, unsigned idx);
/* Appends the counter deltas b - a as JSON members ,"key":value to buf. */
size_t rf_stats_json(char *buf, size_t cap, size_t len, const struct rf_stats *a,
		     const struct rf_stats *b);

static inline uint64_t rdtime(void)
{
	uint64_t t;
	asm volatile("rdtime %0" : "=r"(t));
	return t;
}

/* Instructions retired; under QEMU -icount the sum over all harts. */
static inline uint64_t rdinstret(void)
{
	uint64_t n;
	asm volatile("rdinstret %0" : "=r"(n));
	return n;
}
