/*
 * host.h - what the Linux host pieces (main, platform, counters, backends)
 * share: the host-only command-line options.
 */
#ifndef WL_HOST_H
#define WL_HOST_H

#include <stdbool.h>
#include "wl.h"

/* --inject, test only: make the uring backend misbehave on purpose. */
#define HOST_INJECT_SHORT  0x1u	/* ask for half: a real short read/write */
#define HOST_INJECT_EAGAIN 0x2u	/* complete a request with -EAGAIN, no I/O */

/* What counts the region, beyond the wall clock and getrusage (always):
 * perf software events cost ~180 ns per context switch on this kind of VM
 * (they are switched with the task) and BPF ~150 ns per system call, so
 * runs that are timed use neither. */
enum host_trace {
	HOST_TRACE_NONE,
	HOST_TRACE_PERF,	/* perf software events only */
	HOST_TRACE_BPF,		/* BPF tracer and perf software events */
};

struct host_options {
	int pin[WL_MAX_PIN];	/* --pin: task i runs on pin[i % npin] */
	unsigned npin;
	enum host_trace trace;	/* --trace[=bpf|perf] */
	const char *perf_ctl;	/* --perf-ctl CTL,ACK: fifos of `perf stat --control` */
	const char *perf_ack;
	unsigned inject;	/* HOST_INJECT_* */
};

extern struct host_options host_opts;

/* CPU for task `index`, or -1 when not pinned. */
int host_pin_cpu(unsigned index);

/* ---- shared by the epoll and io_uring backends (backend_fds.c) ---------- */

/* pipe_open for an engine: a pipe2(flags | O_CLOEXEC) that adopt() makes
 * the engine's (watched, registered); if adopt fails, both ends are closed
 * and its error returned. */
int host_pipe_open(struct wl_engine *eng, int fds[2], int flags,
		   int (*adopt)(struct wl_engine *eng, const int p[2]));

/* Makes a table indexed by descriptor (*n entries of elem bytes) hold
 * entry fd: it doubles from 64 entries, each new one a copy of *empty.
 * Returns the table, maybe moved, or NULL (and leaves it) when out of memory. */
void *host_fd_table_grow(void *table, int *n, size_t elem, int fd, const void *empty);

extern const struct wl_backend host_backend_epoll;
extern const struct wl_backend host_backend_uring;
extern const struct wl_backend host_backend_uring_sqpoll;

#endif /* WL_HOST_H */
