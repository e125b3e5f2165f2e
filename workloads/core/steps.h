/*
 * steps.h - the workload's steps and a task's loop over them, inline, for
 * the two files that compile a loop of their own: workloads.c (the queue
 * path and the inline ring) and steps_shs.c (the inline ring under the
 * shared scheduler). Its own file, so that adding the shared scheduler's
 * loop changes nothing the compiler makes of the classic ones. Internal
 * to the core.
 */
#ifndef WL_STEPS_H
#define WL_STEPS_H

#include "wl_run.h"
#include "ring_io.h"

/* How a ring request waits: through the shared queue in steps_shs.c. */
#ifdef WL_STEPS_SHS
#define WL_IO_RING(t, op, fd, buf, len) wl_io_ring_shs(t, op, fd, buf, len)
#else
#define WL_IO_RING(t, op, fd, buf, len) wl_io_ring(t, op, fd, buf, len)
#endif

/*
 * Fills (check = false) or checks n bytes, counting the instructions apart.
 * The counter is the hart's, so under a thread backend a window can hold
 * another thread's turn (a tick between the two reads). Every task names
 * itself in wl_running at each window and around each system call
 * (wl_io), so a window that ends with another name in it is run again
 * until one does not, and each run is charged the clean run's cost. A
 * tick that finds no other thread to run stays in the window: its
 * handler, a few hundred instructions a tick.
 */
static inline bool pattern_run(uint8_t *buf, size_t n, bool check,
			       uint32_t chan, uint64_t off, uint64_t *bad)
{
	if (check)
		return wl_pattern_check(buf, n, chan, off, bad);
	wl_pattern_fill(buf, n, chan, off);
	return true;
}

/* Out of line: rare, and it would cost the common path its registers. */
static __attribute__((noinline)) bool
pattern_again(struct wl_task *t, uint8_t *buf, size_t n, bool check,
	      uint32_t chan, uint64_t off, uint64_t *bad)
{
	uint64_t runs = 1, t0, t1;	/* the first, spoilt, run */
	bool same;

	do {
		wl_task_running(t);
		wl_plat_instret(&t0);
		same = pattern_run(buf, n, check, chan, off, bad);
		wl_plat_instret(&t1);
		runs++;
	} while (!wl_task_still_running(t));
	t->st.verify_instret += runs * (t1 - t0);
	return same;
}

static inline bool pattern_counted(struct wl_task *t, uint8_t *buf, size_t n,
				   bool check, uint32_t chan, uint64_t off,
				   uint64_t *bad)
{
	uint64_t t0 = 0, t1 = 0;
	bool same;

	wl_task_running(t);
	wl_plat_instret(&t0);
	same = pattern_run(buf, n, check, chan, off, bad);
	if (!wl_plat_instret(&t1))
		return same;
	if (!wl_task_still_running(t))
		return pattern_again(t, buf, n, check, chan, off, bad);
	t->st.verify_instret += t1 - t0;
	return same;
}

/* ring: a constant in each caller (wl_task_body's loops). */
static inline __attribute__((always_inline)) long
io(struct wl_task *t, bool ring, enum wl_op op, int fd,
		      void *buf, size_t len)
{
	return ring ? WL_IO_RING(t, op, fd, buf, len)
		    : wl_io(t, op, fd, buf, len);
}

static inline __attribute__((always_inline)) int
write_msg_on(struct wl_task *t, bool ring, size_t n)
{
	size_t done = 0;

	pattern_counted(t, t->wbuf, n, false, t->wchan, t->woff, NULL);
	while (done < n) {
		long r = io(t, ring, WL_OP_WRITE, t->wfd, t->wbuf + done,
			    n - done);

		if (r < 0)
			return wl_task_fail(t, WL_TASK_IO, "write failed", r);
		if (r == 0 || (size_t)r > n - done)
			return wl_task_fail(t, WL_TASK_IO, "write returned", r);
		done += (size_t)r;
	}
	t->woff += n;
	return WL_TASK_OK;
}

/* Reads exactly n bytes, checking each piece as it arrives. */
static inline __attribute__((always_inline)) int
read_msg_on(struct wl_task *t, bool ring, size_t n)
{
	size_t got = 0;

	while (got < n) {
		long r = io(t, ring, WL_OP_READ, t->rfd, t->rbuf, n - got);
		uint64_t bad;

		if (r < 0)
			return wl_task_fail(t, WL_TASK_IO, "read failed", r);
		if (r == 0)
			return wl_task_fail(t, WL_TASK_IO, "early end of stream", 0);
		if ((size_t)r > n - got)
			return wl_task_fail(t, WL_TASK_IO, "read returned", r);
		if (!pattern_counted(t, t->rbuf, (size_t)r, true, t->rchan,
				     t->roff, &bad))
			return wl_task_fail(t, WL_TASK_VERIFY,
					    "wrong byte at stream offset",
					    (long)bad);
		t->roff += (uint64_t)r;
		t->st.bytes += (uint64_t)r;
		got += (size_t)r;
	}
	return WL_TASK_OK;
}

/* Out of line on the queue path, as they always were; inline on the ring
 * path, so its loop (task_loop_ring) saves the registers once per task and
 * each wait's switch only what is live there. */
static __attribute__((unused)) int write_msg_queue(struct wl_task *t, size_t n) { return write_msg_on(t, false, n); }
static __attribute__((unused)) int read_msg_queue(struct wl_task *t, size_t n) { return read_msg_on(t, false, n); }

static inline __attribute__((always_inline)) int
write_msg(struct wl_task *t, bool ring, size_t n)
{
	return ring ? write_msg_on(t, true, n) : write_msg_queue(t, n);
}

static inline __attribute__((always_inline)) int
read_msg(struct wl_task *t, bool ring, size_t n)
{
	return ring ? read_msg_on(t, true, n) : read_msg_queue(t, n);
}

static inline __attribute__((always_inline)) int
null_step(struct wl_task *t, bool ring)
{
	long r = io(t, ring, WL_OP_NOP, -1, NULL, 0);

	return r < 0 ? wl_task_fail(t, WL_TASK_IO, "null call failed", r)
		     : WL_TASK_OK;
}

/* echo, pinger: write a message, read it (or its answer) back */
static inline __attribute__((always_inline)) int
write_read_step(struct wl_task *t, bool ring)
{
	size_t n = t->run->cfg.size;

	return write_msg(t, ring, n) || read_msg(t, ring, n) ? t->status
							     : WL_TASK_OK;
}

static inline __attribute__((always_inline)) int
read_write_step(struct wl_task *t, bool ring)
{
	size_t n = t->run->cfg.size;

	return read_msg(t, ring, n) || write_msg(t, ring, n) ? t->status
							     : WL_TASK_OK;
}

static inline __attribute__((always_inline)) int
write_step(struct wl_task *t, bool ring)
{
	return write_msg(t, ring, t->run->cfg.size) ? t->status : WL_TASK_OK;
}

static inline __attribute__((always_inline)) int
read_step(struct wl_task *t, bool ring)
{
	return read_msg(t, ring, t->run->cfg.size) ? t->status : WL_TASK_OK;
}

/*
 * Per-op figures are marginal costs: the first op of every task (its first
 * system calls, a coroutine's first switch onto a fresh stack, a thread's
 * first run) happens before the gate, and the region begins when every
 * task has passed it (wl_task_arrive, sched.c).
 */
/* A switch, not a pointer: each step inlines into its own loop. */
static inline __attribute__((always_inline)) int
step(struct wl_task *t, bool ring)
{
	switch (t->step) {
	case WL_STEP_NULL:
		return null_step(t, ring);
	case WL_STEP_WRITE_READ:
		return write_read_step(t, ring);
	case WL_STEP_READ_WRITE:
		return read_write_step(t, ring);
	case WL_STEP_WRITE:
		return write_step(t, ring);
	default:
		return read_step(t, ring);
	}
}

/* ring is a constant in each of its two callers, so each gets its own
 * copy of the steps and no request tests which path it takes. */
static inline __attribute__((always_inline)) int task_loop(struct wl_task *t,
							   bool ring)
{
	uint64_t inc = t->counts_ops ? 1 : 0;	/* a pair's round trips count once */
	int st = WL_TASK_OK, r;

	if (t->ops > 0) {
		st = step(t, ring);
		t->st.ops += inc;
	}
	r = wl_task_arrive(t);
	if (r < 0)
		return wl_task_fail(t, WL_TASK_IO, "start gate", r);
	for (uint64_t i = 1; i < t->ops && st == WL_TASK_OK; i++) {
		st = step(t, ring);
		t->st.ops += inc;
	}
	return st;
}

#endif /* WL_STEPS_H */
