/*
 * Threads and the scheduler: one round-robin run queue shared by all harts,
 * guarded by sched_lock, and wait queues for sleep/wakeup.
 *
 * sched_lock is held across swtch(): the thread that switches away takes it,
 * the thread that resumes releases it (sched_finish_switch). So no other hart
 * can pick up a thread before its registers are saved.
 *
 * Address spaces are switched lazily: the idle loop and kernel threads keep
 * whatever page table is loaded (the kernel half is in all of them), so a
 * round trip through idle costs no satp write. A process's page table is
 * freed only once no hart has it loaded (proc->mm_harts).
 */
#include "defs.h"
#include "proc.h"
#include "riscv.h"

struct spinlock sched_lock = SPINLOCK_INIT("sched");
struct cpu cpus[RF_MAX_HARTS];
int ncpus;

static struct list runq = LIST_INIT(runq);   /* sched_lock */
static uint64 idle_mask;                     /* sched_lock: harts in wfi */
static int next_tid = 1;                     /* sched_lock */
static struct thread threads[NTHREAD];
static struct thread idle_threads[RF_MAX_HARTS];
static uint8 kstacks[NTHREAD][KSTACK_SIZE] __attribute__((aligned(16)));

void waitq_init(struct waitq *wq) { list_init(&wq->threads); }

struct thread *thread_alloc(void)
{
	struct thread *t = 0;
	spin_lock(&sched_lock);
	for (int i = 0; i < NTHREAD; i++) {
		if (threads[i].state == T_UNUSED) {
			t = &threads[i];
			memset(t, 0, sizeof(*t));
			t->state = T_EMBRYO;
			t->tid = next_tid++;
			t->kstack_top = (uint64)kstacks[i] + KSTACK_SIZE;
			break;
		}
	}
	spin_unlock(&sched_lock);
	if (!t)
		return 0;
	t->pin_hart = -1;
	t->stack_slot = -1;
	list_init(&t->runq_link);
	list_init(&t->proc_link);
	list_init(&t->wq_link);
	waitq_init(&t->join_wq);
	return t;
}

/* Releases a slot whose thread will never run again (sched_lock held). */
void thread_free_locked(struct thread *t) { t->state = T_UNUSED; }

void thread_free(struct thread *t)
{
	spin_lock(&sched_lock);
	thread_free_locked(t);
	spin_unlock(&sched_lock);
}

int sched_reserved_hart = -1;   /* poller mode: only pinned threads run there */

static bool eligible(struct thread *t, int hart)
{
	return t->pin_hart == hart || (t->pin_hart < 0 && hart != sched_reserved_hart);
}

/* Marks t runnable and, if a hart is idle, wakes one that may run it. */
void wakeup_thread_locked(struct thread *t)
{
	t->state = T_RUNNABLE;
	list_add_tail(&runq, &t->runq_link);
	if (!idle_mask)
		return;
	for (int h = 0; h < ncpus; h++) {
		if ((idle_mask & (1UL << h)) && eligible(t, h)) {
			idle_mask &= ~(1UL << h);
			kick_hart(h);
			return;
		}
	}
}

void thread_make_runnable(struct thread *t)
{
	spin_lock(&sched_lock);
	wakeup_thread_locked(t);
	spin_unlock(&sched_lock);
}

/* Interrupts the harts in mask so they look at their state again. */
void kick_harts(uint64 mask)
{
	struct thread *t = current();
	if (t)
		t->cpu->st.ipis_sent++;
	sbi_send_ipi(mask);
}

void kick_hart(int hart) { kick_harts(1UL << hart); }

static struct thread *pick_next(int hart)
{
	for (struct list *l = runq.next; l != &runq; l = l->next) {
		struct thread *t = list_entry(l, struct thread, runq_link);
		if (eligible(t, hart)) {
			list_del(l);
			return t;
		}
	}
	return 0;
}

/* Loads next's page table if it differs from the one in use. */
static void mm_switch_locked(struct cpu *c, struct proc *next)
{
	if (!next || c->satp == next->satp)
		return;
	struct proc *old = c->mm;
	c->satp = next->satp;
	csr_write(satp, next->satp);
	sfence_vma();
	c->st.as_switches++;
	next->mm_harts++;
	c->mm = next;
	if (old)
		mm_put_locked(old);
}

/* Inlined in each caller, as when it had two. */
static inline __attribute__((always_inline)) void
switch_to(struct cpu *c, struct thread *prev, struct thread *next, bool forced)
{
	if (prev != c->idle) {
		c->st.ctx_switches++;
		if (forced)
			c->st.ctx_forced++;
	}
	next->state = T_RUNNING;
	next->cpu = c;
	c->cur = next;
	mm_switch_locked(c, next->proc);
	swtch(&prev->ctx, &next->ctx, next);
}

/* Runs in the resumed thread, which now owns sched_lock. */
void sched_finish_switch(void)
{
	struct cpu *c = current()->cpu;
	if (c->dead) {
		thread_free_locked(c->dead);
		c->dead = 0;
	}
	spin_unlock(&sched_lock);
	if (c->mm_freed)
		mm_notify_freed(c);
}

/* Gives up the hart; prev's state is already set. Returns with no lock. */
static void schedule_locked(bool forced)
{
	struct thread *prev = current();
	struct cpu *c = prev->cpu;
	struct thread *next = pick_next(c->hartid);
	if (!next)
		next = c->idle;
	if (next == prev) {
		prev->state = T_RUNNING;
		spin_unlock(&sched_lock);
		return;
	}
	switch_to(c, prev, next, forced);
	sched_finish_switch();
}

/* The shared scheduler's yield: the hart goes straight to next, if it is
 * waiting for a hart and may run on this one. Returns true once the caller
 * runs again (sched_lock released), false with nothing done (still held). */
bool sched_yield_to_locked(struct thread *next)
{
	struct thread *prev = current();
	struct cpu *c = prev->cpu;
	if (next->state != T_RUNNABLE || !eligible(next, c->hartid))
		return false;
	list_del(&next->runq_link);
	prev->state = T_RUNNABLE;
	list_add_tail(&runq, &prev->runq_link);
	c->st.shs_direct++;
	switch_to(c, prev, next, false);
	sched_finish_switch();
	return true;
}

void sched_yield(bool forced)
{
	struct thread *t = current();
	if (list_empty(&runq))
		return;
	spin_lock(&sched_lock);
	t->state = T_RUNNABLE;
	list_add_tail(&runq, &t->runq_link);
	schedule_locked(forced);
}

/*
 * Sleeps on wq; lk (the lock of the object owning wq) is held on entry and
 * on return. A thread of an exiting process does not go to sleep: callers
 * loop on their condition and check proc->exiting.
 */
void sleep_on(struct waitq *wq, struct spinlock *lk)
{
	struct thread *t = current();
	list_add_tail(&wq->threads, &t->wq_link);
	t->sleeping_on = wq;
	spin_lock(&sched_lock);
	spin_unlock(lk);
	if (t->proc && t->proc->exiting) {
		spin_unlock(&sched_lock);
	} else {
		t->state = T_SLEEPING;
		schedule_locked(false);
	}
	spin_lock(lk);
	if (t->sleeping_on) {
		list_del(&t->wq_link);
		t->sleeping_on = 0;
	}
}

/* Wakes every thread on wq; the caller holds the lock guarding wq. */
void wakeup(struct waitq *wq)
{
	if (list_empty(&wq->threads))
		return;
	spin_lock(&sched_lock);
	while (!list_empty(&wq->threads)) {
		struct thread *t = list_entry(wq->threads.next, struct thread, wq_link);
		list_del(&t->wq_link);
		t->sleeping_on = 0;
		if (t->state == T_SLEEPING)
			wakeup_thread_locked(t);
	}
	spin_unlock(&sched_lock);
}

/* Ends the current thread. If reap, its slot is freed once switched away. */
void sched_exit_current(bool reap)
{
	struct thread *t = current();
	spin_lock(&sched_lock);
	t->state = T_ZOMBIE;
	if (reap || t->reap_on_switch)
		t->cpu->dead = t;
	schedule_locked(false);
	panic("sched_exit_current: zombie ran");
}

void kthread_body(void)
{
	struct thread *t = current();
	t->kfn(t->karg);
	sched_exit_current(true);
}

struct thread *kthread_create(void (*fn)(void *), void *arg, int pin_hart)
{
	struct thread *t = thread_alloc();
	if (!t)
		return 0;
	t->kfn = fn;
	t->karg = arg;
	t->pin_hart = pin_hart;
	t->ctx.ra = (uint64)thread_first_kernel;
	t->ctx.sp = t->kstack_top;
	thread_make_runnable(t);
	return t;
}

/* Each hart ends its boot path here and becomes its idle thread. */
/* Makes the running boot context this hart's idle thread. */
void sched_bootstrap(int hartid)
{
	struct cpu *c = &cpus[hartid];
	struct thread *idle = &idle_threads[hartid];
	idle->state = T_RUNNING;
	idle->cpu = c;
	idle->pin_hart = hartid;
	idle->tid = 0;
	c->idle = idle;
	c->cur = idle;
	c->hartid = hartid;
	c->satp = csr_read(satp);
	asm volatile("mv tp, %0" ::"r"(idle));
}

void sched_idle_loop(int hartid)
{
	struct cpu *c = &cpus[hartid];
	if (!c->idle)
		sched_bootstrap(hartid);
	struct thread *idle = c->idle;
	timer_arm();
	for (;;) {
		spin_lock(&sched_lock);
		idle_mask &= ~(1UL << hartid);
		if (c->mm && c->mm->mm_dead)
			mm_drop_locked(c);
		struct thread *next = pick_next(hartid);
		if (next) {
			switch_to(c, idle, next, false);
			sched_finish_switch();
			continue;
		}
		idle_mask |= 1UL << hartid;
		spin_unlock(&sched_lock);
		if (c->mm_freed) {
			/* It takes locks: a wait for one can clear the kick that
			 * someone sent us since idle_mask said we were idle, and a
			 * hart with no tick (the poller's) would sleep for good. */
			mm_notify_freed(c);
			continue;
		}
		wait_for_interrupt();
	}
}
