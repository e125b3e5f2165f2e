/* User threads inside a process: stacks, spawn, join, exit. */
#include "defs.h"
#include "proc.h"
#include "memlayout.h"

struct trapframe *thread_trapframe(struct thread *t)
{
	return (struct trapframe *)(t->kstack_top - sizeof(struct trapframe));
}

static uint64 slot_top(int slot) { return USTACK_TOP - (uint64)slot * USTACK_SLOT; }

/* Maps a fresh user stack for t; caller holds p->lock or p is not yet running. */
int thread_stack_alloc(struct proc *p, struct thread *t, uint64 *sp)
{
	for (int s = 0; s < MAX_THREADS_PER_PROC; s++) {
		if (p->stack_slots[s / 8] & (1 << (s % 8)))
			continue;
		uint64 top = slot_top(s);
		int err = uvm_map_pages(p->pagetable, top - USTACK_PAGES * PAGE_SIZE, USTACK_PAGES,
			PTE_R | PTE_W);
		if (err < 0)
			return err;
		p->stack_slots[s / 8] |= 1 << (s % 8);
		t->stack_slot = s;
		*sp = top;
		return 0;
	}
	return -RF_EAGAIN;
}

/* When the pages cannot be given back yet (other harts still hold as many
 * of the process's unmapped pages as it may keep), the slot stays taken and
 * mapped, and goes with the page table. */
void thread_stack_free(struct proc *p, int slot)
{
	if (mm_unmap(p, slot_top(slot) - USTACK_PAGES * PAGE_SIZE, USTACK_PAGES) == 0)
		p->stack_slots[slot / 8] &= ~(1 << (slot % 8));
}

/* A new thread in the caller's process: entry(fn, arg) on a fresh stack. */
int thread_spawn_user(uint64 entry, uint64 fn, uint64 arg)
{
	struct thread *self = current();
	struct proc *p = self->proc;
	if (!user_range_ok(entry, 4))
		return -RF_EFAULT;
	struct thread *t = thread_alloc();
	if (!t)
		return -RF_EAGAIN;
	t->proc = p;
	uint64 sp;
	spin_lock(&p->lock);
	int err = p->exiting ? -RF_EINTR : thread_stack_alloc(p, t, &sp);
	if (err < 0) {
		spin_unlock(&p->lock);
		thread_free(t);
		return err;
	}
	struct trapframe *tf = thread_trapframe(t);
	memset(tf, 0, sizeof(*tf));
	tf->epc = entry;
	tf->sp = sp;
	tf->gp = thread_trapframe(self)->gp;
	tf->a0 = fn;
	tf->a1 = arg;
	t->ctx.ra = (uint64)thread_first_user;
	t->ctx.sp = (uint64)tf;
	list_add_tail(&p->threads, &t->proc_link);
	p->nthreads++;
	int tid = t->tid;
	spin_unlock(&p->lock);
	thread_make_runnable(t);
	return tid;
}

static struct thread *find_thread(struct proc *p, int tid)
{
	for (struct list *l = p->threads.next; l != &p->threads; l = l->next) {
		struct thread *t = list_entry(l, struct thread, proc_link);
		if (t->tid == tid)
			return t;
	}
	return 0;
}

int thread_join(int tid, long *value)
{
	struct thread *self = current();
	struct proc *p = self->proc;
	if (tid == self->tid)
		return -RF_EINVAL;
	spin_lock(&p->lock);
	struct thread *t = find_thread(p, tid);
	if (!t) {
		spin_unlock(&p->lock);
		return -RF_ESRCH;
	}
	/* One joiner at a time: a second would reap a slot the first still
	 * looks at (and that a new thread may already have taken). */
	if (t->joined) {
		spin_unlock(&p->lock);
		return -RF_EINVAL;
	}
	t->joined = true;
	/* stack_slot goes to -1 (under p->lock) when t exits */
	while (t->stack_slot >= 0) {
		if (p->exiting) {
			t->joined = false;
			spin_unlock(&p->lock);
			return -RF_EINTR;
		}
		sleep_on(&t->join_wq, &p->lock);
	}
	*value = t->exit_value;
	list_del(&t->proc_link);
	spin_lock(&sched_lock);
	if (t->state == T_ZOMBIE)
		thread_free_locked(t);
	else
		t->reap_on_switch = true;   /* still switching away: it frees itself */
	spin_unlock(&sched_lock);
	spin_unlock(&p->lock);
	return 0;
}

void thread_exit_user(long value)
{
	struct thread *t = current();
	struct proc *p = t->proc;
	spin_lock(&p->lock);
	if (t->stack_slot >= 0) {
		thread_stack_free(p, t->stack_slot);
		t->stack_slot = -1;
	}
	ring_thread_exit(t);
	t->exit_value = value;
	bool last = --p->nthreads == 0;
	if (last && !p->exiting) {
		p->exiting = true;
		p->exit_status = (int)value;
	}
	wakeup(&t->join_wq);
	spin_unlock(&p->lock);
	if (last)
		proc_teardown(p);
	sched_exit_current(last);
}
