/*
 * Processes: creation from an embedded program, exit, wait, and the lifetime
 * of their page tables.
 *
 * Lock order: proc_table_lock -> proc->lock -> object locks -> sched_lock -> kmem.
 */
#include "defs.h"
#include "proc.h"
#include "memlayout.h"
#include "riscv.h"
#include "file.h"
#include "barrier.h"

static struct proc procs[NPROC];
/* Guards pid allocation, proc->state, proc->parent and every child_wq. */
static struct spinlock proc_table_lock = SPINLOCK_INIT("proctable");
static int next_pid = 1;

void proc_init(void)
{
	for (int i = 0; i < NPROC; i++)
		spin_init(&procs[i].lock, "proc");
}

/* Drops one hart's hold on p's page table; the last one out frees it. */
void mm_put_locked(struct proc *p)
{
	if (--p->mm_harts == 0 && p->mm_dead && p->pagetable) {
		uvm_destroy(p->pagetable);
		mm_free_deferred(p);
		smp_store_release(&p->pagetable, 0);   /* after the pages are freed: the slot may go */
		/* wait() reaps only once the page table is gone: wake the parent
		 * once sched_lock is released (lock order) */
		current()->cpu->mm_freed = p;
	}
}

/* Called without locks after a switch or in the idle loop. */
void mm_notify_freed(struct cpu *c)
{
	struct proc *p = c->mm_freed;
	if (!p)
		return;
	c->mm_freed = 0;
	spin_lock(&proc_table_lock);
	if (p->state == P_ZOMBIE && p->parent)
		wakeup(&p->parent->child_wq);
	spin_unlock(&proc_table_lock);
}
/* The idle loop lets go of a dead process's page table it still has loaded. */
void mm_drop_locked(struct cpu *c)
{
	struct proc *p = c->mm;
	c->satp = kernel_satp();
	csr_write(satp, c->satp);
	sfence_vma();
	c->st.as_switches++;
	c->mm = 0;
	mm_put_locked(p);
}

static struct proc *proc_alloc(void)
{
	spin_lock(&proc_table_lock);
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = &procs[i];
		/* A slot is free once reaped and its page table is gone. */
		if (p->state == P_UNUSED && !smp_load_acquire(&p->pagetable)) {   /* then its memory is ours */
			struct spinlock lk = p->lock;
			memset(p, 0, sizeof(*p));
			p->lock = lk;
			p->pid = next_pid++;
			p->state = P_ALIVE;
			list_init(&p->threads);
			waitq_init(&p->child_wq);
			spin_unlock(&proc_table_lock);
			return p;
		}
	}
	spin_unlock(&proc_table_lock);
	return 0;
}

/* The process whose page table pt is, for the rare paths that have only the table. */
struct proc *proc_of_pagetable(uint64 *pt)
{
	for (int i = 0; i < NPROC; i++)
		if (procs[i].pagetable == pt)
			return &procs[i];
	return 0;
}

/* Gives an unstarted process's resources back (spawn failed half-way). */
static void proc_unwind(struct proc *p, struct thread *t)
{
	if (t) {
		if (t->stack_slot >= 0)
			thread_stack_free(p, t->stack_slot);
		thread_free(t);
	}
	for (int fd = 0; fd < RF_NOFILE; fd++)
		if (p->ofile[fd])
			file_put(p->ofile[fd]);
	if (p->pagetable)
		uvm_destroy(p->pagetable);
	p->pagetable = 0;
	spin_lock(&proc_table_lock);
	p->state = P_UNUSED;
	spin_unlock(&proc_table_lock);
}

/* Makes t, whose trapframe is tf, the first thread of p and lets it run. */
static int proc_start(struct proc *p, struct proc *parent, struct thread *t, struct trapframe *tf)
{
	t->ctx.ra = (uint64)thread_first_user;
	t->ctx.sp = (uint64)tf;
	list_add_tail(&p->threads, &t->proc_link);
	p->nthreads = 1;
	spin_lock(&proc_table_lock);
	p->parent = parent;
	spin_unlock(&proc_table_lock);
	int pid = p->pid;
	thread_make_runnable(t);
	return pid;
}

/*
 * Starts a new process running the embedded program prog with argv (kernel
 * copies). It inherits a copy of parent's fd table. Returns its pid.
 */
int proc_spawn(struct proc *parent, const char *prog, int argc, char **argv)
{
	uint64 size;
	const void *image = prog_lookup(prog, &size);
	if (!image)
		return -RF_ENOENT;
	struct proc *p = proc_alloc();
	if (!p)
		return -RF_EAGAIN;
	strncpy0(p->name, prog, sizeof(p->name));
	struct thread *t = 0;
	uint64 entry, end, sp, uargv;
	int err = -RF_ENOMEM;
	p->pagetable = uvm_create();
	if (!p->pagetable)
		goto fail;
	p->satp = SATP_SV39 | (KVA2PA(p->pagetable) >> PAGE_SHIFT);
	if ((err = elf_load(p->pagetable, image, size, &entry, &end)) < 0)
		goto fail;
	p->heap_base = p->brk = PG_ROUNDUP(end);
	err = -RF_EAGAIN;
	if (!(t = thread_alloc()))
		goto fail;
	t->proc = p;
	if ((err = thread_stack_alloc(p, t, &sp)) < 0)
		goto fail;
	if ((err = push_argv(p->pagetable, &sp, argc, argv, &uargv)) < 0)
		goto fail;
	if (parent) {
		spin_lock(&parent->lock);
		for (int fd = 0; fd < RF_NOFILE; fd++) {
			if (parent->ofile[fd]) {
				file_dup(parent->ofile[fd]);
				p->ofile[fd] = parent->ofile[fd];
			}
		}
		spin_unlock(&parent->lock);
	}
	struct trapframe *tf = thread_trapframe(t);
	memset(tf, 0, sizeof(*tf));
	tf->epc = entry;
	tf->sp = sp;
	tf->a0 = argc;
	tf->a1 = uargv;
	return proc_start(p, parent, t, tf);
fail:
	proc_unwind(p, t);
	return err;
}

/* Waits for a child (pid, or any with -1) to end; returns its pid. */
int proc_wait(int pid, int *status)
{
	struct proc *me = myproc();
	spin_lock(&proc_table_lock);
	for (;;) {
		bool have = false;
		for (int i = 0; i < NPROC; i++) {
			struct proc *c = &procs[i];
			if (c->parent != me || c->state == P_UNUSED || (pid != -1 && c->pid != pid))
				continue;
			have = true;
			/* reaped only once no hart holds its page table */
			if (c->state == P_ZOMBIE && !smp_load_acquire(&c->pagetable)) {   /* freeing done first */
				int cpid = c->pid;
				*status = c->exit_status;
				c->parent = 0;
				c->state = P_UNUSED;
				spin_unlock(&proc_table_lock);
				return cpid;
			}
		}
		if (!have) {
			spin_unlock(&proc_table_lock);
			return -RF_ECHILD;
		}
		if (me->exiting) {
			spin_unlock(&proc_table_lock);
			return -RF_EINTR;
		}
		sleep_on(&me->child_wq, &proc_table_lock);
	}
}

/*
 * Makes every thread of p leave: sleepers are woken (their wait loops see
 * exiting), threads running on other harts are interrupted.
 */
void proc_kill(struct proc *p, int status)
{
	spin_lock(&p->lock);
	if (!p->exiting) {
		p->exiting = true;
		p->exit_status = status;
	}
	spin_lock(&sched_lock);
	for (struct list *l = p->threads.next; l != &p->threads; l = l->next) {
		struct thread *t = list_entry(l, struct thread, proc_link);
		if (t->state == T_SLEEPING)
			wakeup_thread_locked(t);
		else if (t->state == T_RUNNING && t != current())
			kick_hart(t->cpu->hartid);
	}
	spin_unlock(&sched_lock);
	spin_unlock(&p->lock);
}

void proc_exit(int status)
{
	proc_kill(myproc(), status);
	thread_exit_user(0);
}

/* Called by the last thread of p: releases everything but its own thread. */
void proc_teardown(struct proc *p)
{
	/* The ring first: its worker or the poller may be serving it, and its
	 * requests reach into the fd table (under p->lock, which this loop
	 * does without). */
	shs_detach(p);   /* before the ring, which shared_yield looks at */
	ring_teardown(p);
	for (int fd = 0; fd < RF_NOFILE; fd++) {
		if (p->ofile[fd]) {
			file_put(p->ofile[fd]);
			p->ofile[fd] = 0;
		}
	}
	struct cpu *c = mycpu();
	spin_lock(&sched_lock);
	while (!list_empty(&p->threads)) {
		struct thread *t = list_entry(p->threads.next, struct thread, proc_link);
		list_del(&t->proc_link);
		if (t == current())
			continue;
		if (t->state == T_ZOMBIE)
			thread_free_locked(t);
		else
			t->reap_on_switch = true;
	}
	p->mm_dead = true;
	if (c->mm == p)
		mm_drop_locked(c);
	for (int h = 0; h < ncpus; h++)
		if (cpus[h].mm == p)
			kick_hart(h);   /* its idle loop drops the page table */
	spin_unlock(&sched_lock);
	c->mm_freed = 0;   /* the wakeup below tells the parent anyway */

	spin_lock(&proc_table_lock);
	for (int i = 0; i < NPROC; i++) {
		if (procs[i].parent == p) {
			procs[i].parent = 0;
			if (procs[i].state == P_ZOMBIE)
				procs[i].state = P_UNUSED;
		}
	}
	if (p->parent) {
		p->state = P_ZOMBIE;
		wakeup(&p->parent->child_wq);
	} else {
		p->state = P_UNUSED;
	}
	spin_unlock(&proc_table_lock);
	if (p->pid == 1) {
		/* init is gone: the machine's work is done */
		kprintf("@exit %d\n", p->exit_status);
		sbi_shutdown(p->exit_status);
	}
}

/* A U-mode fault the program can't recover from: kill it, keep the kernel. */
void user_fault(struct trapframe *tf, uint64 cause, uint64 tval)
{
	struct proc *p = myproc();
	kprintf("refos: killed pid %d (%s): scause %lu at pc %p, tval %p\n", p->pid, p->name,
		cause, (void *)tf->epc, (void *)tval);
	proc_kill(p, RF_STATUS_KILLED);
	thread_exit_user(0);
}

uint64 proc_sbrk(long incr)
{
	struct proc *p = myproc();
	spin_lock(&p->lock);
	uint64 old = p->brk, new = old + incr;
	long err = 0;
	if (incr > 0 && (new < old || new > USER_RINGS ||
			 !kalloc_have((PG_ROUNDUP(new) - PG_ROUNDUP(old)) / PAGE_SIZE))) {
		err = -RF_ENOMEM;
	} else if (incr < 0 && (new > old || new < p->heap_base)) {
		err = -RF_EINVAL;
	} else if (incr > 0) {
		uint64 from = PG_ROUNDUP(old), to = PG_ROUNDUP(new);
		err = uvm_map_pages(p->pagetable, from, (to - from) / PAGE_SIZE, PTE_R | PTE_W);
	} else if (incr < 0) {
		uint64 from = PG_ROUNDUP(new), to = PG_ROUNDUP(old);
		err = mm_unmap(p, from, (to - from) / PAGE_SIZE);
	}
	if (!err)
		p->brk = new;
	spin_unlock(&p->lock);
	return err ? (uint64)err : old;
}

/* Copies the user pages of src into dst, leaving out ring pages and the
 * stacks of threads other than the caller's (slot keep). */
static int copy_user_pages(uint64 *src, uint64 *dst, int keep_slot)
{
	uint64 stack_lo = USTACK_TOP - (uint64)MAX_THREADS_PER_PROC * USTACK_SLOT;
	uint64 keep_hi = USTACK_TOP - (uint64)keep_slot * USTACK_SLOT;
	uint64 keep_lo = keep_hi - USTACK_SLOT;
	for (int i = 0; i < 256; i++) {
		if (!(src[i] & PTE_V))
			continue;
		uint64 *l1 = PA2KVA((src[i] >> 10) << 12);
		for (int j = 0; j < 512; j++) {
			if (!(l1[j] & PTE_V))
				continue;
			uint64 *l0 = PA2KVA((l1[j] >> 10) << 12);
			for (int k = 0; k < 512; k++) {
				uint64 pte = l0[k];
				uint64 va = ((uint64)i << 30) | ((uint64)j << 21) | ((uint64)k << 12);
				if (!(pte & PTE_V) || (va >= USER_RINGS && va < stack_lo) ||
				    (va >= stack_lo && (va < keep_lo || va >= keep_hi)))
					continue;
				int perm = pte & (PTE_R | PTE_W | PTE_X);
				if (uvm_map_pages(dst, va, 1, perm) < 0)
					return -RF_ENOMEM;
				uint64 *npte = uvm_walk(dst, va, false);
				memcpy(PA2KVA((*npte >> 10) << 12), PA2KVA((pte >> 10) << 12), PAGE_SIZE);
			}
		}
	}
	return 0;
}

/* fork(): a copy of the caller's process with only the calling thread. */
int proc_fork(struct trapframe *tf)
{
	struct thread *self = current();
	struct proc *parent = self->proc, *p = proc_alloc();
	if (!p)
		return -RF_EAGAIN;
	strncpy0(p->name, parent->name, sizeof(p->name));
	struct thread *t = 0;
	int err = -RF_ENOMEM;
	if (!(p->pagetable = uvm_create()))
		goto fail;
	p->satp = SATP_SV39 | (KVA2PA(p->pagetable) >> PAGE_SHIFT);
	spin_lock(&parent->lock);
	err = copy_user_pages(parent->pagetable, p->pagetable, self->stack_slot);
	p->heap_base = parent->heap_base;
	p->brk = parent->brk;
	if (err == 0) {
		for (int fd = 0; fd < RF_NOFILE; fd++) {
			if (parent->ofile[fd]) {
				file_dup(parent->ofile[fd]);
				p->ofile[fd] = parent->ofile[fd];
			}
		}
	}
	spin_unlock(&parent->lock);
	if (err < 0 || !(t = thread_alloc())) {
		err = err < 0 ? err : -RF_EAGAIN;
		goto fail;
	}
	t->proc = p;
	t->stack_slot = self->stack_slot;
	p->stack_slots[t->stack_slot / 8] |= 1 << (t->stack_slot % 8);
	struct trapframe *ctf = thread_trapframe(t);
	*ctf = *tf;
	ctf->a0 = 0;   /* the child sees 0 */
	return proc_start(p, parent, t, ctf);
fail:
	proc_unwind(p, t);
	return err;
}
