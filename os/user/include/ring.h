/*
 * The refos ring library, shaped like liburing: get an SQE, prep it,
 * submit; wait for a CQE, hand it back (ring_cq_advance(r, 1), liburing's
 * io_uring_cqe_seen). Calls return negative errno.
 * Pointers into the shared area carry a k prefix: the kernel may change
 * what they point at at any time.
 */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "refos.h"
#include "barrier.h"

struct ring {
	struct rf_ring_shared *kshared;
	struct rf_sqe *ksqes;
	struct rf_cqe *kcqes;
	uint32_t sq_entries, sq_mask, cq_entries, cq_mask;
	uint32_t sqe_tail;     /* entries handed out by ring_get_sqe, not yet submitted */
	uint32_t sq_published; /* tail the kernel has been shown */
	uint32_t cq_head;      /* our copy; published by ring_cq_advance */
	uint32_t sq_head_seen; /* last kernel head read: re-read only when the SQ looks full */
	int notify;            /* enum rf_notify */
	int sqmode;            /* enum rf_sqmode, as the kernel booted */
};

int ring_queue_init(unsigned entries, struct ring *r, int notify);

struct rf_sqe *ring_get_sqe_slow(struct ring *r);

/* A free SQE, or NULL when the submission ring is full. */
static inline struct rf_sqe *ring_get_sqe(struct ring *r)
{
	if (r->sqe_tail - r->sq_head_seen >= r->sq_entries)
		return ring_get_sqe_slow(r);
	return &r->ksqes[r->sqe_tail++ & r->sq_mask];
}

/* Four whole-word stores: opcode, flags, rsvd and fd share the first word. */
static inline void ring_prep(struct rf_sqe *s, int op, int fd, uint64_t addr, uint32_t len,
			     uint64_t user_data)
{
	uint64_t *w = (uint64_t *)s;
	w[0] = (uint64_t)(uint8_t)op | (uint64_t)(uint32_t)fd << 32;
	w[1] = addr;
	w[2] = len;
	w[3] = user_data;
}
static inline void ring_prep_nop(struct rf_sqe *s, uint64_t ud) { ring_prep(s, RF_OP_NOP, -1, 0, 0, ud); }
static inline void ring_prep_read(struct rf_sqe *s, int fd, void *buf, uint32_t n, uint64_t ud)
{
	ring_prep(s, RF_OP_READ, fd, (uint64_t)(uintptr_t)buf, n, ud);
}
static inline void ring_prep_write(struct rf_sqe *s, int fd, const void *buf, uint32_t n, uint64_t ud)
{
	ring_prep(s, RF_OP_WRITE, fd, (uint64_t)(uintptr_t)buf, n, ud);
}
static inline void ring_prep_pipe(struct rf_sqe *s, int fds[2], uint64_t ud)
{
	ring_prep(s, RF_OP_PIPE, -1, (uint64_t)(uintptr_t)fds, 0, ud);
}
static inline void ring_prep_close(struct rf_sqe *s, int fd, uint64_t ud) { ring_prep(s, RF_OP_CLOSE, fd, 0, 0, ud); }

/* Publishes the prepared SQEs and, as the serving mode needs, tells the
 * kernel. Returns how many were published, or negative errno. */
int ring_submit(struct ring *r);

/* The next completion without waiting: 0 and *cqe, or -EAGAIN. */
int ring_peek_cqe(struct ring *r, struct rf_cqe **cqe);

/* Waits for a completion the way the ring's notify mode says. */
int ring_wait_cqe(struct ring *r, struct rf_cqe **cqe);

/* One step of waiting for completions, as the ring's mode needs: an enter
 * call (enter mode, or notify=wait), a yield (worker), nothing (poller: the
 * caller spins). Resubmits entries the kernel held back. */
int ring_wait_step(struct ring *r);

/* Submits and waits until at least want completions are ready. */
int ring_submit_and_wait(struct ring *r, unsigned want);

/* Completions ready to be reaped. */
static inline uint32_t ring_cq_ready(const struct ring *r)
{
	return smp_load_acquire(&r->kshared->cq_tail) - r->cq_head;   /* the index, then the entries */
}

/* Iterates over ready completions without publishing anything; then
 * ring_cq_advance(r, n) hands n of them back at once (liburing's shape).
 * The tail is read with acquire, before the entries it covers. */
#define ring_for_each_cqe(r, head, tail, cqe)                                  \
	for (uint32_t tail = smp_load_acquire(&(r)->kshared->cq_tail),          \
	     head = (r)->cq_head;                                               \
	     head != tail && ((cqe) = &(r)->kcqes[head & (r)->cq_mask], 1); head++)

static inline void ring_cq_advance(struct ring *r, uint32_t n)
{
	r->cq_head += n;
	smp_store_release(&r->kshared->cq_head, r->cq_head);   /* done reading the entries */
}

/* ---- user interrupts (notify = uintr) ---------------------------------- */

/* Registers fn to run when the kernel signals completions. fn should only
 * note the fact (the executor reaps); it runs on the interrupted stack. */
int ring_uintr_register(void (*fn)(void));
/* Set by the library's handler wrapper each time a user interrupt arrives. */
extern volatile uint64_t ring_uintr_count;
