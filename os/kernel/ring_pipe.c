/*
 * Async READ and WRITE on pipes. They never block a thread: a request that
 * cannot finish now waits on the pipe (pipe.h) and is finished by whoever
 * makes progress on it. A waiting request holds its pipe end open, as a
 * sync caller would.
 */
#include "defs.h"
#include "ring.h"
#include "pipe.h"
#include "file.h"

#define NREQ 16384

/* A ring's request waiting on a pipe: what to post when it finishes. Its
 * owner (pq.owner) is the ring it came from. */
struct async_req {
	struct pipe_req pq;
	uint64 user_data;
};

static struct async_req reqs[NREQ];
static struct list free_reqs = LIST_INIT(free_reqs);
static struct spinlock req_lock = SPINLOCK_INIT("reqs");   /* guards free_reqs */
static bool reqs_ready;

static struct async_req *req_alloc(void)
{
	struct async_req *r = 0;
	spin_lock(&req_lock);
	if (!reqs_ready) {
		for (int i = 0; i < NREQ; i++)
			list_add_tail(&free_reqs, &reqs[i].pq.link);
		reqs_ready = true;
	}
	if (!list_empty(&free_reqs)) {
		r = list_entry(free_reqs.next, struct async_req, pq.link);
		list_del(&r->pq.link);
	}
	spin_unlock(&req_lock);
	return r;
}

static void req_free(struct pipe_req *q)
{
	spin_lock(&req_lock);
	list_add_tail(&free_reqs, &q->link);
	spin_unlock(&req_lock);
}

/* A waiting request finished (its pipe's lock held): post and recycle it. */
static void req_finish(struct pipe_req *q)
{
	struct async_req *a = list_entry(q, struct async_req, pq);
	ring_post(q->owner, a->user_data, q->res);
	req_free(q);
}

/* Most requests finish at once: they live on the stack, and only one that
 * has to wait is copied to the pool. */
static struct pipe_req *req_keep(const struct pipe_req *q)
{
	struct async_req *a = req_alloc();
	if (a)
		*a = *list_entry(q, struct async_req, pq);
	return a ? &a->pq : 0;
}

/* Submission of an async READ or WRITE (called by a ring server). */
void ring_exec_rw(struct ring_ctx *r, const struct rf_sqe *sqe)
{
	struct proc *p = r->proc;
	bool reading = sqe->opcode == RF_OP_READ;
	int type = reading ? F_PIPE_READ : F_PIPE_WRITE;
	if (!user_range_ok(sqe->addr, sqe->len)) {
		ring_post(r, sqe->user_data, -RF_EFAULT);
		return;
	}
	/* The fd table stays locked until the pipe is, so the file cannot go
	 * away under the request: no reference counting on this path. */
	spin_lock(&p->lock);
	struct file *f = sqe->fd >= 0 && sqe->fd < RF_NOFILE ? p->ofile[sqe->fd] : 0;
	if (!f || (int)f->type != type || sqe->len == 0) {
		spin_unlock(&p->lock);
		ring_post(r, sqe->user_data, f && (int)f->type == type ? 0 : -RF_EBADF);
		return;
	}
	struct async_req now = {
		.pq = { .proc = p, .owner = r, .finish = req_finish, .addr = sqe->addr,
			.len = sqe->len, .reading = reading },
		.user_data = sqe->user_data,
	};
	if (pipe_req_start(f->pipe, &now.pq, &p->lock, req_keep))
		ring_post(r, now.user_data, now.pq.res);
}

/* Drops every request r has waiting on any pipe (r is dead). */
void ring_cancel_parked(struct ring_ctx *r)
{
	pipe_cancel_owner(r, req_free);
}
