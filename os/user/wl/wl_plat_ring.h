/*
 * wl_plat_ring.h - the refos ring as the workload core drives it inline,
 * for backends flagged WL_BE_RING (wl.h). The core finds this header on
 * its include path; a platform without it gets no inline ring.
 *
 * A request's user data is the waiting task's struct wl_waiter and its op
 * is the ring's opcode as it stands, so queueing is the SQE's four stores
 * and reaping is one load of the result's owner: the kernel keeps every
 * request in flight, the user side keeps nothing.
 */
#ifndef WL_PLAT_RING_H
#define WL_PLAT_RING_H

#include "ring.h"
#include "wl.h"

#define WL_PLAT_RING 1

_Static_assert(WL_OP_NOP == (int)RF_OP_NOP && WL_OP_READ == (int)RF_OP_READ &&
	       WL_OP_WRITE == (int)RF_OP_WRITE, "enum wl_op is the ring's opcodes");

struct wl_plat_ring {
	struct ring ring;
	uint32_t cq_tail_seen;   /* completions up to here are ready to reap */
	uint64_t sq_mask, cq_mask;   /* the ring's, widened: no zero-extension per index */
	int notify;              /* enum rf_notify */
	bool ring_error;         /* a CQE said our ring was scribbled on */
};

/* The program's one ring (backend_async.c sets it up). */
extern struct wl_plat_ring wl_plat_ring;

/* Out of line: the SQ looks full; BUSY when it is. */
enum wl_queue_status wl_plat_ring_submit_full(struct wl_waiter *w, enum wl_op op,
					      int fd, void *buf, size_t len);

/* QUEUED or BUSY. */
static inline enum wl_queue_status wl_plat_ring_submit(struct wl_waiter *w, enum wl_op op,
						       int fd, void *buf, size_t len)
{
	struct ring *r = &wl_plat_ring.ring;
	if (r->sqe_tail - r->sq_head_seen >= r->sq_entries)
		return wl_plat_ring_submit_full(w, op, fd, buf, len);
	ring_prep(&r->ksqes[r->sqe_tail++ & wl_plat_ring.sq_mask], (int)op, fd,
		  (uint64_t)(uintptr_t)buf, (uint32_t)len, (uint64_t)(uintptr_t)w);
	return WL_Q_QUEUED;
}

/* The waiter of the next ready completion, its result stored; NULL when
 * none is ready. No system call: wl_plat_ring_wait makes them ready. The
 * kernel sees the consumed entries at the next wait (the head is published
 * once a round); every request in flight has a CQ slot meanwhile. */
static inline struct wl_waiter *wl_plat_ring_next(void)
{
	struct ring *r = &wl_plat_ring.ring;
	if (r->cq_head == wl_plat_ring.cq_tail_seen)
		return 0;
	struct rf_cqe *c = &r->kcqes[r->cq_head++ & wl_plat_ring.cq_mask];
	if (c->user_data == RF_USER_DATA_RING_ERROR) {
		/* our own ring was scribbled on: a bug here, which the wait
		 * that follows (nothing else to run) reports */
		wl_plat_ring.ring_error = true;
		return 0;
	}
	struct wl_waiter *w = (struct wl_waiter *)(uintptr_t)c->user_data;
	w->result = (long)c->res;
	return w;
}

/* Requests queued or in flight, or completed and not yet reaped. */
static inline uint32_t wl_plat_ring_pending(void)
{
	return wl_plat_ring.ring.sqe_tail - wl_plat_ring.ring.cq_head;
}

/* Submits what is queued, then waits until `min` completions are ready.
 * Returns how many are, or negative errno. */
int wl_plat_ring_wait(unsigned min);

#endif /* WL_PLAT_RING_H */
