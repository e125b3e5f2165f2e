/*
 * Counter deltas for the @run line: every per-hart counter summed over the
 * harts, plus instret and virtual time, as JSON members.
 */
#include <stdio.h>
#include <string.h>
#include "refos.h"

/* Appends ,"key":value members for b - a to buf; returns the new length. */
size_t rf_stats_json(char *buf, size_t cap, size_t len, const struct rf_stats *a,
		     const struct rf_stats *b)
{
#define APPEND(...) \
	do { \
		if (len < cap) \
			len += (size_t)snprintf(buf + len, cap - len, __VA_ARGS__); \
	} while (0)
	APPEND(",\"harts\":%lu,\"hz\":%lu,\"sqmode\":\"%s\"", (unsigned long)b->nharts,
	       (unsigned long)b->hz, b->sqmode);
	APPEND(",\"instret\":%lu", (unsigned long)(b->instret - a->instret));
	/* the time CSR ticks at 10 MHz: 100 ns a tick */
	APPEND(",\"vtime_ns\":%lu", (unsigned long)((b->time - a->time) * 100));
	for (unsigned i = 0; i < RF_NCOUNTERS; i++)
		APPEND(",\"%s\":%lu", rf_counter_names[i],
		       (unsigned long)(rf_counter_sum(b, i) - rf_counter_sum(a, i)));
	APPEND(",\"free_pages_delta\":%ld", (long)(b->free_pages - a->free_pages));
#undef APPEND
	return len;
}
