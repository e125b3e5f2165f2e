/*
 * The kernel threads that serve rings away from ring_enter: a worker per
 * ring on the submitter's hart (sqmode=worker), run at timer ticks and when
 * the user waits or yields, and one poller on a hart of its own
 * (sqmode=poller) that sleeps after an idle spell with a need-wakeup flag.
 * ring_init picks the mode at boot.
 */
#include "defs.h"
#include "ring.h"
#include "riscv.h"
#include "barrier.h"

#define POLL_IDLE_TICKS 500000   /* 50 ms of time CSR without work: the poller sleeps */

uint64 poll_ns = 2000;           /* poller's pause between empty passes (poll_ns=) */

static struct spinlock poll_lock = SPINLOCK_INIT("poll");   /* guards poll_rings, worker lists */
static struct list poll_rings = LIST_INIT(poll_rings);
static struct list worker_rings[RF_MAX_HARTS];
static struct waitq poller_wq;
static bool poller_kick;          /* poll_lock to set and clear; the pause reads it */
static bool poller_asleep;        /* poll_lock */
static bool poller_pausing;       /* the poller is in its pause: a wake-up kicks its hart */

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
		/* a hint only: ring_serve reads the tail again, with acquire */
		if (smp_load_relaxed(&r->shared->sq_tail) != r->sq_head)
			ring_worker_kick(r);
	}
	spin_unlock(&poll_lock);
}

/* yield() lets the caller's worker run first. */
void ring_on_yield(struct proc *p)
{
	struct ring_ctx *r = p->ring;
	if (r && r->mode == RF_SQMODE_WORKER)
		ring_worker_kick(r);
}

/*
 * Waits for the timer or an IPI; the poller's hart has nothing else to do.
 * The pause has to halt, not spin: under -icount a spinning hart keeps its
 * turn to the end of its time slice. A polling user sends no notification,
 * so a timer ends it, one per pause, or a submitter's RF_ENTER_SQ_WAKEUP,
 * which sends an IPI to a pausing poller: with the timer alone a pause is
 * only as short as the timer is prompt, and without -icount, the harts
 * being host threads, a halted one's timer may come tens of milliseconds
 * late on a busy host. With Sstc that timer
 * is the hart's own stimecmp: armed, slept on, and parked again before
 * interrupts are on, so a pause ended by it takes no trap and no firmware
 * call (through the SBI, each pause was two calls, arming here and parking
 * in the tick handler, and a trap). An IPI that came meanwhile is still
 * taken at intr_on. The parked deadline is computed before the wfi so that
 * one instruction follows it in its block, as on the SBI path
 * (docs/methodology.md, the wfi over-count).
 */
#define CSR_STIMECMP 0x14d
static void poller_pause(void)
{
	uint64 until = rdtime() + MAX(poll_ns / 100, 1);   /* the time CSR ticks every 100 ns */
	smp_store_release(&poller_pausing, true);
	smp_mb();   /* pausing set before kick read; the waker: kick set before pausing read */
	if (smp_load_relaxed(&poller_kick)) {
		/* woken already: an IPI it sent ends the next pause at once */
	} else if (!harts_have_sstc) {
		sbi_set_timer(until);
		wait_for_interrupt();   /* an IPI sent since pausing was set is pending: wfi returns */
	} else {
		uint64 parked = timer_parked();
		asm volatile("csrw %0, %1" ::"i"(CSR_STIMECMP), "r"(until) : "memory");
		asm volatile("wfi\n\tcsrw %0, %1" ::"i"(CSR_STIMECMP), "r"(parked) : "memory");
		intr_on();
		intr_off();
	}
	smp_store_release(&poller_pausing, false);
}

static void poller_main(void *arg)
{
	(void)arg;
	uint64 last_work = rdtime();
	for (;;) {
		int served = 0;
		spin_lock(&poll_lock);
		poller_kick = false;   /* this pass reads every tail after the kick's submissions */
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
			smp_or(&r->shared->flags, RF_RING_NEED_WAKEUP);   /* the user sees it before we sleep */
		}
		smp_mb();   /* flag set before the last look at the tails */
		bool pending = false;
		for (struct list *e = poll_rings.next; e != &poll_rings; e = e->next) {
			struct ring_ctx *r = list_entry(e, struct ring_ctx, hart_link);
			pending |= smp_load_acquire(&r->shared->sq_tail) != r->sq_head;   /* after the flag, by smp_mb */
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
			smp_and(&r->shared->flags, ~RF_RING_NEED_WAKEUP);   /* before the next pass reads the tails */
		}
		spin_unlock(&poll_lock);
		last_work = rdtime();
	}
}

void ring_poller_wake(void)
{
	spin_lock(&poll_lock);
	smp_store_release(&poller_kick, true);
	if (poller_asleep)
		wakeup(&poller_wq);
	smp_mb();   /* kick set before pausing read (poller_pause) */
	bool pausing = smp_load_relaxed(&poller_pausing);
	spin_unlock(&poll_lock);
	if (pausing)
		kick_hart(sched_reserved_hart);
}

/* Boot: pick the serving mode; poller mode keeps hart 0 for the poller. */
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

/* A new ring gets its server: a worker on the caller's hart, or the poller. */
void ring_server_attach(struct ring_ctx *r)
{
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
		ring_poller_wake();
	}
}

/* Marks the ring dead and takes it off its server's list: no server may
 * touch it after this; its worker, woken, drops its reference and exits. */
void ring_server_detach(struct ring_ctx *r)
{
	spin_lock(&poll_lock);
	spin_lock(&r->sq_lock);
	spin_lock(&r->cq_lock);
	r->dead = true;
	wakeup(&r->worker_wq);
	spin_unlock(&r->cq_lock);
	spin_unlock(&r->sq_lock);
	list_del(&r->hart_link);
	spin_unlock(&poll_lock);
}
