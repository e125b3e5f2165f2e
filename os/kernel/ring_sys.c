/*
 * Ring system calls (setup, enter), teardown, the worker and poller kernel
 * threads, and the user-interrupt emulation.
 */
#include "defs.h"
#include "ring.h"
#include "memlayout.h"
#include "riscv.h"
#include "barrier.h"

#define ARG(tf, i) ((&(tf)->a0)[i])
#define POLL_IDLE_TICKS 500000   /* 50 ms of time CSR without work: the poller sleeps */

extern int sched_reserved_hart;
uint64 poll_ns = 2000;           /* poller's pause between empty passes (poll_ns=) */

static struct spinlock poll_lock = SPINLOCK_INIT("poll");   /* guards poll_rings, worker lists */
static struct list poll_rings = LIST_INIT(poll_rings);
static struct list worker_rings[RF_MAX_HARTS];
static struct waitq poller_wq;
static bool poller_kick;          /* poll_lock */
static bool poller_asleep;        /* poll_lock */

static bool is_pow2(uint32 x) { return x && !(x & (x - 1)); }

static void ring_put(struct ring_ctx *r)
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

static void worker_kick(struct ring_ctx *r)
{
	spin_lock(&r->cq_lock);
	r->worker_kick = true;
	wakeup(&r->worker_wq);
	spin_unlock(&r->cq_lock);
}

static void worker_main(void *arg)
{
	struct ring_ctx *r = arg;
	for (;;) {
		spin_lock(&r->cq_lock);
		while (!r->worker_kick && !r->dead)
			sleep_on(&r->worker_wq, &r->cq_lock);
		bool dead = r->dead;
		r->worker_kick = false;
		spin_unlock(&r->cq_lock);
		if (dead)
			break;
		current()->cpu->st.worker_wakeups++;
		ring_serve(r, ~0u);
	}
	ring_put(r);
}

/* Timer tick on a hart: its workers run if their rings hold submissions. */
void ring_tick(struct cpu *c)
{
	struct list *l = &worker_rings[c->hartid];
	if (ring_mode != RF_SQMODE_WORKER || list_empty(l))
		return;
	spin_lock(&poll_lock);
	for (struct list *e = l->next; e != l; e = e->next) {
		struct ring_ctx *r = list_entry(e, struct ring_ctx, hart_link);
		if (smp_load_relaxed(&r->shared->sq_tail) != r->sq_head)
			worker_kick(r);
	}
	spin_unlock(&poll_lock);
}

/* yield() lets the caller's worker run first. */
void ring_on_yield(struct proc *p)
{
	struct ring_ctx *r = p->ring;
	if (r && r->mode == RF_SQMODE_WORKER)
		worker_kick(r);
}

/* Waits for the timer or an IPI; the poller's hart has nothing else to do. */
static void poller_pause(void)
{
	sbi_set_timer(rdtime() + MAX(poll_ns / 100, 1));   /* the time CSR ticks every 100 ns */
	wait_for_interrupt();
}

static void poller_main(void *arg)
{
	(void)arg;
	uint64 last_work = rdtime();
	for (;;) {
		int served = 0;
		spin_lock(&poll_lock);
		for (struct list *e = poll_rings.next; e != &poll_rings; e = e->next) {
			struct ring_ctx *r = list_entry(e, struct ring_ctx, hart_link);
			int n = ring_serve(r, ~0u);
			served += n > 0;
		}
		spin_unlock(&poll_lock);
		if (served) {
			last_work = rdtime();
			continue;
		}
		if (rdtime() - last_work < POLL_IDLE_TICKS) {
			poller_pause();
			continue;
		}
		/* Long idle: sleep until a submitter sees NEED_WAKEUP and enters. */
		spin_lock(&poll_lock);
		for (struct list *e = poll_rings.next; e != &poll_rings; e = e->next) {
			struct ring_ctx *r = list_entry(e, struct ring_ctx, hart_link);
			__atomic_or_fetch(&r->shared->flags, RF_RING_NEED_WAKEUP, __ATOMIC_SEQ_CST);
		}
		smp_mb();   /* flag set before the last look at the tails */
		bool pending = false;
		for (struct list *e = poll_rings.next; e != &poll_rings; e = e->next) {
			struct ring_ctx *r = list_entry(e, struct ring_ctx, hart_link);
			pending |= smp_load_acquire(&r->shared->sq_tail) != r->sq_head;
		}
		if (!pending) {
			poller_asleep = true;
			while (!poller_kick)
				sleep_on(&poller_wq, &poll_lock);
			poller_asleep = false;
			current()->cpu->st.worker_wakeups++;
		}
		poller_kick = false;
		for (struct list *e = poll_rings.next; e != &poll_rings; e = e->next) {
			struct ring_ctx *r = list_entry(e, struct ring_ctx, hart_link);
			__atomic_and_fetch(&r->shared->flags, ~RF_RING_NEED_WAKEUP, __ATOMIC_SEQ_CST);
		}
		spin_unlock(&poll_lock);
		last_work = rdtime();
	}
}

static void poller_wake(void)
{
	spin_lock(&poll_lock);
	poller_kick = true;
	if (poller_asleep)
		wakeup(&poller_wq);
	spin_unlock(&poll_lock);
}

/* Boot: pick the serving mode; poller mode keeps the last hart for the poller. */
void ring_init(void)
{
	for (int h = 0; h < RF_MAX_HARTS; h++)
		list_init(&worker_rings[h]);
	waitq_init(&poller_wq);
	if (strcmp(boot_sqmode, "enter") == 0) {
		ring_mode = RF_SQMODE_ENTER;
	} else if (strcmp(boot_sqmode, "worker") == 0) {
		ring_mode = RF_SQMODE_WORKER;
	} else if (strcmp(boot_sqmode, "poller") == 0) {
		ring_mode = RF_SQMODE_POLLER;
		if (ncpus < 2) {
			kprintf("refos: sqmode=poller needs 2 or more harts; rings are refused\n");
			return;
		}
		/* Hart 0 is the one QEMU's round-robin runs first after a timer
		 * fires, so a poller there answers without waiting out the other
		 * harts' time slices (under -icount the harts take turns). */
		sched_reserved_hart = 0;
		kthread_create(poller_main, 0, 0);
	} else {
		kprintf("refos: unknown sqmode '%s', using enter\n", boot_sqmode);
		boot_sqmode = "enter";
	}
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
	spin_lock(&p->lock);
	bool taken = p->ring != 0;
	if (!taken)
		p->ring = r;   /* claim the slot before the slow part */
	spin_unlock(&p->lock);
	if (taken) {
		err = -RF_EBUSY;
		goto fail;
	}
	if ((err = map_ring(r, size)) < 0) {
		spin_lock(&p->lock);
		p->ring = 0;
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
	if (ring_mode == RF_SQMODE_WORKER) {
		struct cpu *c = current()->cpu;
		r->home_hart = c->hartid;
		current()->pin_hart = c->hartid;   /* submitter and worker share a hart */
		r->refs++;
		if (!(r->worker = kthread_create(worker_main, r, c->hartid))) {
			r->refs--;
			kprintf("refos: no thread for a ring worker\n");
		}
		spin_lock(&poll_lock);
		list_add_tail(&worker_rings[c->hartid], &r->hart_link);
		spin_unlock(&poll_lock);
	} else if (ring_mode == RF_SQMODE_POLLER) {
		spin_lock(&poll_lock);
		list_add_tail(&poll_rings, &r->hart_link);
		spin_unlock(&poll_lock);
		poller_wake();
	}
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
		worker_kick(r);
	else if (r->mode == RF_SQMODE_POLLER && (flags & RF_ENTER_SQ_WAKEUP))
		poller_wake();
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
	spin_lock(&poll_lock);
	spin_lock(&r->sq_lock);
	spin_lock(&r->cq_lock);
	r->dead = true;
	wakeup(&r->worker_wq);
	spin_unlock(&r->cq_lock);
	spin_unlock(&r->sq_lock);
	list_del(&r->hart_link);
	spin_unlock(&poll_lock);
	ring_cancel_parked(r);
	p->ring = 0;
	ring_put(r);   /* the shared pages go with the page table */
}

/* ---- user-interrupt emulation ------------------------------------------ */

long sys_uintr_register(struct trapframe *tf)
{
	uint64 from_sys = ARG(tf, 0), from_intr = ARG(tf, 1);
	struct thread *t = current();
	if (!from_sys || !from_intr || !user_range_ok(from_sys, 4) || !user_range_ok(from_intr, 4))
		return -RF_EFAULT;
	t->uintr_sys = from_sys;
	t->uintr_intr = from_intr;
	return 0;
}

/* Ends a handler entered from an interrupt: every register comes back. */
long sys_uintr_return(struct trapframe *tf)
{
	struct thread *t = current();
	if (!t->uintr_active)
		return -RF_EINVAL;
	t->cpu->st.uintr_returns++;
	*tf = t->uintr_saved;
	t->uintr_active = false;
	t->uintr_restored = true;
	return (long)tf->a0;   /* the dispatcher stores this into a0: keep it */
}

/*
 * On the way back to U-mode with a user interrupt pending. After a system
 * call the caller-saved registers are free (see the ABI in refos.h), so the
 * handler is entered with t0 = where to resume, at no extra trap. After an
 * interrupt the whole frame is kept here and uintr_return brings it back.
 */
void uintr_deliver(struct thread *t, struct trapframe *tf, bool after_syscall)
{
	if (!t->uintr_sys) {
		t->uintr_pending = false;   /* no handler: completions wait in the CQ */
		return;
	}
	if (after_syscall && !t->uintr_restored) {
		t->uintr_pending = false;
		tf->t0 = tf->epc;
		tf->epc = t->uintr_sys;
	} else if (!t->uintr_active) {
		t->uintr_pending = false;
		t->uintr_saved = *tf;
		t->uintr_active = true;
		tf->epc = t->uintr_intr;
	} else {
		return;   /* inside a handler already: deliver after it returns */
	}
	t->uintr_restored = false;
	t->cpu->st.uintr_delivered++;
}

void ring_thread_exit(struct thread *t)
{
	struct ring_ctx *r = t->proc->ring;
	if (r && r->owner == t) {
		spin_lock(&r->cq_lock);
		r->owner_gone = true;
		spin_unlock(&r->cq_lock);
	}
}
