/*
 * sctrace.h - data shared by the BPF side (sctrace.bpf.c) and the loader
 * (sctrace.c): map sizes and the indices of the counters map.
 */
#ifndef SCTRACE_H
#define SCTRACE_H

/* System call numbers at or above this are counted in the last slot. */
#define SCTRACE_MAX_SYSCALLS 512

/* Processes followed across fork with --procs. */
#define SCTRACE_MAX_TRACKED 8192

enum sctrace_counter {
	SCTRACE_CTX_VOL,	/* switched out while going to sleep */
	SCTRACE_CTX_INVOL,	/* preempted while runnable */
	SCTRACE_IRQS,		/* hard irqs (device, timer, IPIs) that hit it */
	SCTRACE_SOFTIRQS,	/* softirqs run in its context */
	SCTRACE_PAGE_FAULTS,	/* user and kernel page faults */
	SCTRACE_URING_SQES,	/* io_uring requests submitted, SQ thread's too */
	SCTRACE_URING_CQES,	/* io_uring completions posted */
	SCTRACE_NR_COUNTERS
};

#endif /* SCTRACE_H */
