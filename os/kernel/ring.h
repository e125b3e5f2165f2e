/* Asynchronous rings: kernel-side state. */
#pragma once
#include "types.h"
#include "spinlock.h"
#include "list.h"
#include "proc.h"
#include "defs.h"
#include "memlayout.h"

/* The largest ring's pages: the shared indexes, its SQEs, its CQEs (twice
 * as many). Whole pages, so the sums below are exact. */
#define RING_SQ_BYTES ((uint64)RF_RING_MAX_ENTRIES * sizeof(struct rf_sqe))
#define RING_CQ_BYTES ((uint64)2 * RF_RING_MAX_ENTRIES * sizeof(struct rf_cqe))
#define RING_MAX_PAGES (1 + RING_SQ_BYTES / PAGE_SIZE + RING_CQ_BYTES / PAGE_SIZE)
_Static_assert(RING_SQ_BYTES % PAGE_SIZE == 0 && RING_CQ_BYTES % PAGE_SIZE == 0, "ring pages");
_Static_assert(sizeof(struct rf_ring_shared) <= PAGE_SIZE, "the shared indexes fill page 0 at most");

struct cqe_batch {
	uint32 n;
	struct rf_cqe e[32];
};

struct ring_ctx {
	struct spinlock sq_lock;   /* one server at a time: guards sq_head, broken */
	struct spinlock cq_lock;   /* guards cq_tail, overflow, dead, cq_wait */
	struct proc *proc;
	struct thread *owner;      /* who set it up: the user-interrupt target */
	uint8 *pages[RING_MAX_PAGES];
	uint32 npages;
	struct rf_ring_shared *shared;
	uint32 sq_entries, cq_entries;
	uint32 sq_head;            /* the kernel's own copies: never read back */
	uint32 cq_tail;
	uint64 sqes_off, cqes_off;
	uint8 *ovf_pages[RING_MAX_PAGES];  /* kernel-only: completions waiting for room */
	uint32 ovf_head, noverflow;
	uint32 inflight;           /* SQEs taken whose completion is not posted yet */
	bool serving;              /* a server is inside ring_serve: it notifies at the end */
	struct cqe_batch *batch;   /* the server's own completions, posted at the end */
	struct thread *batch_owner;
	int refs;                  /* the process, plus its worker thread if any */
	struct waitq cq_wait;      /* ring_enter callers waiting for completions */
	int notify;                /* enum rf_notify */
	int mode;                  /* enum rf_sqmode */
	bool dead;
	bool uintr_owed;           /* completions posted since the last notification */
	bool owner_gone;           /* the owner thread exited: no user interrupts */
	/* worker mode */
	int home_hart;
	struct thread *worker;
	bool worker_kick;          /* guarded by cq_lock */
	struct waitq worker_wq;
	struct list hart_link;     /* in the home hart's worker list / the poll list */
};

/* ring.c */
extern int ring_mode;
int ring_serve(struct ring_ctx *r, uint32 max);
void ring_post_slow(struct ring_ctx *r, uint64 user_data, int64 res);
void ring_notify(struct ring_ctx *r);
void flush_overflow_locked(struct ring_ctx *r);
long cq_room_locked(struct ring_ctx *r);

/*
 * One completion. The server of this ring collects its own in a batch (one
 * lock, one tail store, one notification per batch); completions from
 * anywhere else (a peer finishing a parked request) go straight out.
 */
static inline void ring_post(struct ring_ctx *r, uint64 user_data, int64 res)
{
	struct cqe_batch *b = r->batch;
	if (b && r->batch_owner == current() && b->n < ARRAY_SIZE(b->e)) {
		b->e[b->n].user_data = user_data;
		b->e[b->n].res = res;
		b->n++;
		return;
	}
	ring_post_slow(r, user_data, res);
}

/* ring_pipe.c */
void ring_exec_rw(struct ring_ctx *r, const struct rf_sqe *sqe);
void ring_cancel_parked(struct ring_ctx *r);

/* ring_sys.c */
void ring_put(struct ring_ctx *r);

/* ring_worker.c */
extern uint64 poll_ns;
void ring_init(void);
void ring_tick(struct cpu *c);
void ring_on_yield(struct proc *p);
void ring_server_attach(struct ring_ctx *r);
void ring_server_detach(struct ring_ctx *r);
void ring_poller_wake(void);

/* Wakes the ring's worker. Inline: every enter in worker mode comes here. */
static inline void ring_worker_kick(struct ring_ctx *r)
{
	spin_lock(&r->cq_lock);
	r->worker_kick = true;
	wakeup(&r->worker_wq);
	spin_unlock(&r->cq_lock);
}
