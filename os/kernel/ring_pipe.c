/*
 * Async READ and WRITE on pipes. They never block a thread: a request that
 * cannot finish now is parked on the pipe and finished by whoever makes
 * progress on it (a peer's read or write, sync or async, or a close). A
 * parked request holds its pipe end open, as a sync caller would.
 */
#include "defs.h"
#include "ring.h"
#include "pipe.h"
#include "file.h"

#define NREQ 16384

static struct async_req reqs[NREQ];
static struct list free_reqs = LIST_INIT(free_reqs);
static struct spinlock req_lock = SPINLOCK_INIT("reqs");   /* guards free_reqs */
static bool reqs_ready;

struct async_req *req_alloc(void)
{
	struct async_req *r = 0;
	spin_lock(&req_lock);
	if (!reqs_ready) {
		for (int i = 0; i < NREQ; i++)
			list_add_tail(&free_reqs, &reqs[i].link);
		reqs_ready = true;
	}
	if (!list_empty(&free_reqs)) {
		r = list_entry(free_reqs.next, struct async_req, link);
		list_del(&r->link);
	}
	spin_unlock(&req_lock);
	return r;
}

void req_free(struct async_req *r)
{
	spin_lock(&req_lock);
	list_add_tail(&free_reqs, &r->link);
	spin_unlock(&req_lock);
}

/*
 * Moves what it can for one request (pi->lock held). Returns true when the
 * request is finished, with req->res set.
 */
static bool try_rw(struct pipe *pi, struct async_req *q)
{
	struct proc *p = q->ring->proc;
	if (q->opcode == RF_OP_READ) {
		uint64 avail = pi->nwrite - pi->nread;
		if (avail == 0) {
			if (pi->writers > 0)
				return false;
			q->res = 0;   /* EOF */
			return true;
		}
		uint64 m = MIN(q->len, avail);
		if (pipe_copy_out(pi, p, q->addr, m) < 0) {
			q->res = -RF_EFAULT;
			return true;
		}
		pi->nread += m;
		q->res = (int64)m;
		return true;
	}
	for (;;) {
		if (pi->readers == 0) {
			q->res = q->done ? (int64)q->done : -RF_EPIPE;
			return true;
		}
		uint64 space = PIPE_SIZE - (pi->nwrite - pi->nread);
		uint64 need = q->len <= RF_PIPE_BUF ? q->len - q->done : 1;
		if (space < need || space == 0)
			return false;
		uint64 chunk = MIN(space, q->len - q->done);
		if (pipe_copy_in(pi, p, q->addr + q->done, chunk) < 0) {
			q->res = q->done ? (int64)q->done : -RF_EFAULT;
			return true;
		}
		pi->nwrite += chunk;
		q->done += chunk;
		if (q->done == q->len) {
			q->res = (int64)q->len;
			return true;
		}
	}
}

/* Releases the pipe end a parked request held (pi->lock held). */
static void unpark(struct pipe *pi, struct async_req *q)
{
	list_del(&q->link);
	if (q->opcode == RF_OP_READ)
		pi->readers--;
	else
		pi->writers--;
}

/* Submission of an async READ or WRITE (called by a ring server). */
void ring_exec_rw(struct ring_ctx *r, const struct rf_sqe *sqe)
{
	struct proc *p = r->proc;
	bool reading = sqe->opcode == RF_OP_READ;
	if (!user_range_ok(sqe->addr, sqe->len)) {
		ring_post(r, sqe->user_data, -RF_EFAULT);
		return;
	}
	/* The fd table stays locked while the request runs, so the file cannot
	 * go away under it: no reference counting on this path. */
	spin_lock(&p->lock);
	struct file *f = sqe->fd >= 0 && sqe->fd < RF_NOFILE ? p->ofile[sqe->fd] : 0;
	if (!f || (int)f->type != (reading ? F_PIPE_READ : F_PIPE_WRITE) || sqe->len == 0) {
		spin_unlock(&p->lock);
		ring_post(r, sqe->user_data, f && (int)f->type == (reading ? F_PIPE_READ : F_PIPE_WRITE) ? 0 : -RF_EBADF);
		return;
	}
	/* Most requests finish at once: they live on the stack, and only a
	 * request that has to wait is copied to the pool. */
	struct pipe *pi = f->pipe;
	struct async_req now;
	now.ring = r;
	now.opcode = sqe->opcode;
	now.addr = sqe->addr;
	now.len = sqe->len;
	now.done = 0;
	now.user_data = sqe->user_data;
	spin_lock(&pi->lock);
	spin_unlock(&p->lock);   /* the pipe lock now keeps the pipe */
	bool fifo_clear = list_empty(reading ? &pi->parked_reads : &pi->parked_writes);
	if (fifo_clear && try_rw(pi, &now)) {
		if (reading)
			pipe_after_read(pi);
		else
			pipe_after_write(pi);
		spin_unlock(&pi->lock);
		ring_post(r, now.user_data, now.res);
		return;
	}
	struct async_req *q = req_alloc();
	if (!q) {
		if (now.done)
			pipe_after_write(pi);
		spin_unlock(&pi->lock);
		/* no room to wait: a short write, or try again later */
		ring_post(r, now.user_data, now.done ? (int64)now.done : -RF_EAGAIN);
		return;
	}
	*q = now;
	q->pipe = pi;
	list_init(&q->link);
	/* wait in line behind earlier requests; hold the end open */
	if (reading) {
		pi->readers++;
		list_add_tail(&pi->parked_reads, &q->link);
	} else {
		pi->writers++;
		list_add_tail(&pi->parked_writes, &q->link);
		if (q->done)
			pipe_after_write(pi);
	}
	spin_unlock(&pi->lock);
}

/* Finishes parked requests of one side in order; true if anything moved. */
static bool serve_parked(struct pipe *pi, bool writes)
{
	struct list *parked = writes ? &pi->parked_writes : &pi->parked_reads;
	bool moved = false;
	while (!list_empty(parked)) {
		struct async_req *q = list_entry(parked->next, struct async_req, link);
		uint64 before = q->done;
		if (!try_rw(pi, q)) {
			moved |= q->done != before;   /* a big write went in part of the way */
			break;
		}
		unpark(pi, q);
		ring_post(q->ring, q->user_data, q->res);
		req_free(q);
		moved = true;
	}
	return moved;
}

/*
 * The pipe made progress (pi->lock held): room appeared (parked writes may
 * go on) or data/EOF did (parked reads may). Serving one side feeds the
 * other, so sides alternate until neither moves.
 */
void ring_pipe_progress(struct pipe *pi, bool room)
{
	while (serve_parked(pi, room)) {
		wakeup(room ? &pi->rwait : &pi->wwait);   /* sync waiters of the other side */
		room = !room;
	}
}

/* Drops every request r has parked on any pipe (r is dead). */
void ring_cancel_parked(struct ring_ctx *r)
{
	pipe_cancel_requests(r, unpark);
}
