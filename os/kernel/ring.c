/*
 * Asynchronous rings: setup, serving submissions, posting completions and
 * notifying the user. Where submissions are served depends on sqmode=:
 * inside ring_enter (enter), by a kernel thread on the submitter's hart
 * (worker, ring_worker.c), or by a poller on a hart of its own (poller).
 *
 * Everything in the shared pages is hostile: each SQE is copied once before
 * it is looked at, indexes are checked against the kernel's own copies.
 * Lock order: poll_lock -> sq_lock -> proc lock -> pipe lock -> cq_lock -> sched_lock.
 */
#include "defs.h"
#include "ring.h"
#include "memlayout.h"
#include "riscv.h"
#include "barrier.h"

int ring_mode = RF_SQMODE_ENTER;

static uint8 *ring_addr(struct ring_ctx *r, uint64 off)
{
	return r->pages[off / PAGE_SIZE] + off % PAGE_SIZE;
}

/* Completions that found the CQ full wait here, in order, kernel-side. */
static struct rf_cqe *ovf_slot(struct ring_ctx *r, uint32 i)
{
	uint64 off = (uint64)(i % r->cq_entries) * sizeof(struct rf_cqe);
	return (struct rf_cqe *)(r->ovf_pages[off / PAGE_SIZE] + off % PAGE_SIZE);
}

/* Room in the CQ as the user's head says; -1 when the head is impossible. */
long cq_room_locked(struct ring_ctx *r)
{
	uint32 head = smp_load_acquire(&r->shared->cq_head);   /* the user consumed up to here */
	uint32 used = r->cq_tail - head;
	if (used > r->cq_entries)
		return -1;
	return r->cq_entries - used;
}

/* Writes one entry; the caller publishes the tail (cq_lock held). */
static void cq_put(struct ring_ctx *r, uint64 user_data, int64 res)
{
	struct rf_cqe *cqe = (struct rf_cqe *)ring_addr(r, r->cqes_off +
		(uint64)(r->cq_tail & (r->cq_entries - 1)) * sizeof(*cqe));
	cqe->user_data = user_data;
	cqe->res = res;
	r->cq_tail++;
}

static void cq_publish(struct ring_ctx *r)
{
	smp_store_release(&r->shared->cq_tail, r->cq_tail);   /* entries before the index */
}

/* Moves waiting completions into the CQ while there is room (cq_lock held). */
void flush_overflow_locked(struct ring_ctx *r)
{
	if (!r->noverflow)
		return;
	long room = cq_room_locked(r);
	while (r->noverflow && room-- > 0) {
		struct rf_cqe *o = ovf_slot(r, r->ovf_head++);
		cq_put(r, o->user_data, o->res);
		r->noverflow--;
	}
	cq_publish(r);
	r->shared->overflow = r->noverflow;
}

/* Posts n completions in order (cq_lock held); none is ever lost: what finds
 * the CQ full waits kernel-side, room guaranteed by ring_serve's bound. */
static void post_locked(struct ring_ctx *r, const struct rf_cqe *e, uint32 n)
{
	r->inflight -= n;
	if (r->dead)
		return;
	flush_overflow_locked(r);
	long room = r->noverflow ? 0 : cq_room_locked(r);
	for (uint32 i = 0; i < n; i++) {
		if (room-- > 0) {
			cq_put(r, e[i].user_data, e[i].res);
		} else {
			*ovf_slot(r, r->ovf_head + r->noverflow) = e[i];
			r->noverflow++;
		}
	}
	cq_publish(r);
	r->shared->overflow = r->noverflow;
	current()->cpu->st.cqes += n;
	r->uintr_owed = true;
}

static void batch_flush(struct ring_ctx *r)
{
	struct cqe_batch *b = r->batch;
	if (!b->n)
		return;
	spin_lock(&r->cq_lock);
	post_locked(r, b->e, b->n);
	spin_unlock(&r->cq_lock);
	b->n = 0;
}

/*
 * One completion. The server of this ring collects its own in a batch
 * (one lock, one tail store, one notification per batch); completions from
 * anywhere else (a peer finishing a parked request) go straight out.
 */
void ring_post_slow(struct ring_ctx *r, uint64 user_data, int64 res)
{
	struct cqe_batch *b = r->batch;
	if (b && r->batch_owner == current()) {
		batch_flush(r);   /* full: make room */
		b->e[0].user_data = user_data;
		b->e[0].res = res;
		b->n = 1;
		return;
	}
	struct rf_cqe e = { user_data, res };
	spin_lock(&r->cq_lock);
	post_locked(r, &e, 1);
	spin_unlock(&r->cq_lock);
	if (!smp_load_acquire(&r->serving))   /* after our post: a server that ends later notifies */
		ring_notify(r);   /* a peer finished a parked request: tell the user now */
}

/* Tells the user completions arrived: wakes waiters, raises a user interrupt. */
void ring_notify(struct ring_ctx *r)
{
	spin_lock(&r->cq_lock);
	bool owed = r->uintr_owed;
	r->uintr_owed = false;
	if (!r->dead)
		wakeup(&r->cq_wait);
	if (owed && !r->dead && !r->owner_gone && r->notify == RF_NOTIFY_UINTR) {
		struct thread *t = r->owner;
		struct cpu *c = current()->cpu;
		c->st.uintr_sent++;
		r->shared->uintr_seq++;
		spin_lock(&sched_lock);
		smp_store_release(&t->uintr_pending, true);   /* after the CQEs and uintr_seq */
		/* Running elsewhere: only an IPI gets it to a trap soon. Hardware user
		 * interrupts would need none, so these are counted apart. */
		if (t->state == T_RUNNING && t->cpu != c) {
			c->st.uintr_ipis++;
			kick_hart(t->cpu->hartid);
		}
		spin_unlock(&sched_lock);
	}
	spin_unlock(&r->cq_lock);
}

static void exec_sqe(struct ring_ctx *r, const struct rf_sqe *sqe)
{
	if (sqe->flags || sqe->rsvd || sqe->rsvd2) {
		ring_post(r, sqe->user_data, -RF_EINVAL);
		return;
	}
	switch (sqe->opcode) {
	case RF_OP_NOP:
		ring_post(r, sqe->user_data, 0);
		break;
	case RF_OP_READ:
	case RF_OP_WRITE:
		ring_exec_rw(r, sqe);
		break;
	case RF_OP_PIPE: {
		int fds[2];
		long res = user_range_ok(sqe->addr, sizeof(fds)) ? pipe_open_fds(r->proc, fds) : -RF_EFAULT;
		if (res == 0 && uaccess_to(r->proc, sqe->addr, fds, sizeof(fds)) < 0) {
			fd_close(r->proc, fds[0]);
			fd_close(r->proc, fds[1]);
			res = -RF_EFAULT;
		}
		ring_post(r, sqe->user_data, res);
		break;
	}
	case RF_OP_CLOSE:
		ring_post(r, sqe->user_data, fd_close(r->proc, sqe->fd));
		break;
	default:
		ring_post(r, sqe->user_data, -RF_EINVAL);
	}
}

/*
 * A tail claiming more than the ring holds is garbage: skip to it and say
 * so, with a completion that needs a slot like any other (cq_lock held on
 * entry, released on return). Without a slot it waits, or the overflow
 * ring would wrap over completions still owed.
 */
static __attribute__((noinline)) void ring_garbage_tail_locked(struct ring_ctx *r, uint32 tail)
{
	if (r->inflight + r->noverflow >= r->cq_entries) {
		spin_unlock(&r->cq_lock);
		return;
	}
	r->sq_head = tail;
	r->inflight++;
	spin_unlock(&r->cq_lock);
	ring_post(r, RF_USER_DATA_RING_ERROR, -RF_EINVAL);
}

/*
 * Consumes up to max SQEs. Returns how many, or -EINVAL when the user's
 * tail claims more entries than the ring holds: that batch is dropped and
 * one completion with RF_USER_DATA_RING_ERROR says so, once it has a slot
 * (until then the tail is left as it is: the user may still mend it).
 * A new SQE is taken only while inflight + overflow < cq_entries, so every
 * completion has a CQ slot or an overflow slot (back-pressure otherwise).
 */
int ring_serve(struct ring_ctx *r, uint32 max)
{
	struct cqe_batch batch;
	spin_lock(&r->sq_lock);
	if (r->dead) {
		spin_unlock(&r->sq_lock);
		return 0;
	}
	smp_store_release(&r->serving, true);   /* peers posting from now on leave the notify to us */
	batch.n = 0;
	r->batch = &batch;
	r->batch_owner = current();
	uint32 tail = smp_load_acquire(&r->shared->sq_tail);   /* then the entries it covers */
	uint32 avail = tail - r->sq_head;
	struct cpu *c = current()->cpu;
	int n;
	spin_lock(&r->cq_lock);
	flush_overflow_locked(r);   /* the user may have made room */
	if (avail > r->sq_entries) {
		ring_garbage_tail_locked(r, tail);
		n = -RF_EINVAL;
	} else {
		/* Take only what has a completion slot (CQ or overflow) waiting:
		 * inflight + overflow never exceeds cq_entries, so nothing is lost. */
		uint32 room = r->cq_entries - r->inflight - r->noverflow;
		n = (int)MIN(MIN(avail, max), room);
		r->inflight += n;
		spin_unlock(&r->cq_lock);
		if (avail)
			c->st.batches++;
		for (int i = 0; i < n; i++) {
			/* one copy, word by word from the shared page; only the copy is used */
			volatile const uint64 *src = (volatile const uint64 *)ring_addr(r, r->sqes_off +
				(uint64)(r->sq_head & (r->sq_entries - 1)) * sizeof(struct rf_sqe));
			union {
				uint64 w[4];
				struct rf_sqe sqe;
			} copy = { .w = { src[0], src[1], src[2], src[3] } };
			_Static_assert(sizeof(copy.w) == sizeof(copy.sqe), "an SQE is four words");
			r->sq_head++;
			exec_sqe(r, &copy.sqe);
		}
		c->st.sqes += n;
	}
	batch_flush(r);
	r->batch = 0;
	r->batch_owner = 0;
	smp_store_release(&r->shared->sq_head, r->sq_head);   /* entries copied: slots reusable */
	smp_store_release(&r->serving, false);   /* after the batch: later posts notify themselves */
	spin_unlock(&r->sq_lock);
	ring_notify(r);
	return n;
}
