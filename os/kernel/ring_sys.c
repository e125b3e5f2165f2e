/*
 * Ring system calls (setup, enter) and teardown. Who serves the rings is in
 * ring_worker.c, the serving itself in ring.c and ring_pipe.c, the user
 * interrupts that notify completions in uintr.c.
 */
#include "defs.h"
#include "ring.h"
#include "memlayout.h"
#include "riscv.h"
#include "barrier.h"

#define ARG(tf, i) ((&(tf)->a0)[i])

static bool is_pow2(uint32 x) { return x && !(x & (x - 1)); }

/* Drops one reference: the process's (teardown) or its worker's (exit). */
void ring_put(struct ring_ctx *r)
{
	spin_lock(&r->cq_lock);
	bool last = --r->refs == 0;
	spin_unlock(&r->cq_lock);
	if (!last)
		return;
	for (uint32 i = 0; i < RING_MAX_PAGES; i++)
		if (r->ovf_pages[i])
			kfree(r->ovf_pages[i]);
	kfree(r);
}

static int map_ring(struct ring_ctx *r, uint64 size)
{
	struct proc *p = r->proc;
	uint64 npages = size / PAGE_SIZE;
	spin_lock(&p->lock);
	int err = uvm_map_pages(p->pagetable, USER_RINGS, npages, PTE_R | PTE_W);
	spin_unlock(&p->lock);
	if (err < 0)
		return err;
	for (uint64 i = 0; i < npages; i++) {
		uint64 *pte = uvm_walk(p->pagetable, USER_RINGS + i * PAGE_SIZE, false);
		r->pages[i] = PA2KVA((*pte >> 10) << 12);
	}
	r->npages = npages;
	return 0;
}

long sys_ring_setup(struct trapframe *tf)
{
	uint32 entries = (uint32)ARG(tf, 0);
	uint64 uparams = ARG(tf, 1);
	struct proc *p = myproc();
	struct rf_ring_params prm;
	if (copy_from_user(&prm, uparams, sizeof(prm)) < 0)
		return -RF_EFAULT;
	if (!is_pow2(entries) || entries > RF_RING_MAX_ENTRIES || prm.notify > RF_NOTIFY_UINTR)
		return -RF_EINVAL;
	if (ring_mode == RF_SQMODE_POLLER && sched_reserved_hart < 0)
		return -RF_EINVAL;
	struct ring_ctx *r = kzalloc();
	if (!r)
		return -RF_ENOMEM;
	spin_init(&r->sq_lock, "ring sq");
	spin_init(&r->cq_lock, "ring cq");
	waitq_init(&r->cq_wait);
	waitq_init(&r->worker_wq);
	list_init(&r->hart_link);
	r->proc = p;
	r->owner = current();
	r->sq_entries = entries;
	r->cq_entries = 2 * entries;
	r->notify = prm.notify;
	r->mode = ring_mode;
	r->refs = 1;
	r->sqes_off = PAGE_SIZE;
	r->cqes_off = r->sqes_off + PG_ROUNDUP((uint64)entries * sizeof(struct rf_sqe));
	uint64 size = r->cqes_off + PG_ROUNDUP((uint64)r->cq_entries * sizeof(struct rf_cqe));
	long err = -RF_ENOMEM;
	for (uint64 i = 0; i < PG_ROUNDUP((uint64)r->cq_entries * sizeof(struct rf_cqe)) / PAGE_SIZE; i++)
		if (!(r->ovf_pages[i] = kalloc()))
			goto fail;
	/* Claim the slot before the slow part; p->ring is set only once the
	 * ring is whole: another thread's ring_enter meanwhile finds none. */
	spin_lock(&p->lock);
	bool taken = p->ring != 0 || p->ring_claimed;
	if (!taken)
		p->ring_claimed = true;
	spin_unlock(&p->lock);
	if (taken) {
		err = -RF_EBUSY;
		goto fail;
	}
	if ((err = map_ring(r, size)) < 0) {
		spin_lock(&p->lock);
		p->ring_claimed = false;
		spin_unlock(&p->lock);
		goto fail;
	}
	r->shared = (struct rf_ring_shared *)r->pages[0];
	prm.sqmode = ring_mode;
	prm.sq_entries = r->sq_entries;
	prm.cq_entries = r->cq_entries;
	prm.ring_addr = USER_RINGS;
	prm.ring_size = size;
	prm.sqes_off = r->sqes_off;
	prm.cqes_off = r->cqes_off;
	ring_server_attach(r);
	spin_lock(&p->lock);
	smp_store_release(&p->ring, r);   /* after everything a server or ring_enter reads */
	p->ring_claimed = false;
	spin_unlock(&p->lock);
	if (copy_to_user(uparams, &prm, sizeof(prm)) < 0)
		return -RF_EFAULT;   /* the ring stays set up; it goes with the process */
	return 0;
fail:
	for (uint32 i = 0; i < RING_MAX_PAGES; i++)
		if (r->ovf_pages[i])
			kfree(r->ovf_pages[i]);
	kfree(r);
	return err;
}

long sys_ring_enter(struct trapframe *tf)
{
	uint32 to_submit = (uint32)ARG(tf, 0), min_complete = (uint32)ARG(tf, 1);
	uint32 flags = (uint32)ARG(tf, 2);
	struct proc *p = myproc();
	struct ring_ctx *r = p->ring;
	current()->cpu->st.enters++;
	if (!r || (flags & ~(RF_ENTER_GETEVENTS | RF_ENTER_SQ_WAKEUP)))
		return -RF_EINVAL;
	long ret = 0;
	if (r->mode == RF_SQMODE_ENTER && to_submit)
		ret = ring_serve(r, to_submit);
	else if (r->mode == RF_SQMODE_WORKER)
		ring_worker_kick(r);
	else if (r->mode == RF_SQMODE_POLLER && (flags & RF_ENTER_SQ_WAKEUP))
		ring_poller_wake();
	if (ret < 0)
		return ret;
	if (!(flags & RF_ENTER_GETEVENTS) || min_complete == 0) {
		if (r->mode == RF_SQMODE_WORKER)
			sched_yield(false);   /* the worker runs now, on this hart */
		return ret;
	}
	min_complete = MIN(min_complete, r->cq_entries);
	spin_lock(&r->cq_lock);
	for (;;) {
		flush_overflow_locked(r);
		long room = cq_room_locked(r);
		if (room < 0) {
			ret = -RF_EINVAL;   /* the user's cq_head is impossible */
			break;
		}
		if (r->cq_entries - room >= min_complete)
			break;
		if (p->exiting) {
			ret = -RF_EINTR;
			break;
		}
		sleep_on(&r->cq_wait, &r->cq_lock);
	}
	spin_unlock(&r->cq_lock);
	return ret;
}

/* The process is going: no server may touch the ring after this. */
void ring_teardown(struct proc *p)
{
	struct ring_ctx *r = p->ring;
	if (!r)
		return;
	ring_server_detach(r);
	ring_cancel_parked(r);
	p->ring = 0;
	ring_put(r);   /* the shared pages go with the page table */
}

/* The owner thread is gone: its ring raises no more user interrupts. */
void ring_thread_exit(struct thread *t)
{
	struct ring_ctx *r = t->proc->ring;
	if (r && r->owner == t) {
		spin_lock(&r->cq_lock);
		r->owner_gone = true;
		spin_unlock(&r->cq_lock);
	}
}
