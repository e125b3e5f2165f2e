/*
 * sctrace_loader.h - the tracer as a library: count what one process does
 * inside a region it marks itself.
 *
 * open() loads and attaches everything up front, with counting switched
 * off; start()/stop() flip a flag in the BPF program's memory-mapped .bss.
 * Opening and closing the region are thus plain stores: the traced process
 * makes no system call to do it, and no attach latency falls inside the
 * region (attaching there would also count the detach's own close()).
 */
#ifndef SCTRACE_LOADER_H
#define SCTRACE_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sctrace.h"

struct sctrace;

struct sctrace_counts {
	uint64_t syscalls;			/* all numbers together */
	uint64_t by_nr[SCTRACE_MAX_SYSCALLS];
	uint64_t counter[SCTRACE_NR_COUNTERS];
	bool have[SCTRACE_NR_COUNTERS];		/* its program could attach */
};

/*
 * Trace thread group `tgid` (and, with follow_forks, the processes it forks
 * later). NULL on failure, with one line "failed to <step>: <reason>" in
 * note; otherwise note lists what could not be attached ("" if nothing).
 */
struct sctrace *sctrace_open(int tgid, bool follow_forks, char *note,
			     size_t notelen);
void sctrace_start(struct sctrace *t);
void sctrace_stop(struct sctrace *t);
/* 0, or a negative errno. */
int sctrace_read(struct sctrace *t, struct sctrace_counts *out);
void sctrace_destroy(struct sctrace *t);

#endif /* SCTRACE_LOADER_H */
