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

static inline uint64_t rdtime(void)
{
	uint64_t t;
	asm volatile("rdtime %0" : "=r"(t));
	return t;
}
