/* The ring library: see ring.h. Ordering goes through barrier.h only. */
#include <string.h>
#include "ring.h"
#include "barrier.h"

int ring_queue_init(unsigned entries, struct ring *r, int notify)
{
	struct rf_ring_params p;
	memset(&p, 0, sizeof(p));
	p.notify = (uint32_t)notify;
	int err = ring_setup(entries, &p);
	if (err < 0)
		return err;
	uint8_t *base = (uint8_t *)(uintptr_t)p.ring_addr;
	memset(r, 0, sizeof(*r));
	r->kshared = (struct rf_ring_shared *)base;
	r->ksqes = (struct rf_sqe *)(base + p.sqes_off);
	r->kcqes = (struct rf_cqe *)(base + p.cqes_off);
	r->sq_entries = p.sq_entries;
	r->sq_mask = p.sq_entries - 1;
	r->cq_entries = p.cq_entries;
	r->cq_mask = p.cq_entries - 1;
	r->notify = notify;
	r->sqmode = (int)p.sqmode;
	return 0;
}

struct rf_sqe *ring_get_sqe_slow(struct ring *r)
{
	/* looks full: see how far the kernel has copied */
	r->sq_head_seen = smp_load_acquire(&r->kshared->sq_head);
	if (r->sqe_tail - r->sq_head_seen >= r->sq_entries)
		return 0;
	return &r->ksqes[r->sqe_tail++ & r->sq_mask];
}

int ring_submit(struct ring *r)
{
	uint32_t n = r->sqe_tail - r->sq_published;
	if (n == 0 && r->sqmode != RF_SQMODE_WORKER)
		return 0;
	smp_store_release(&r->kshared->sq_tail, r->sqe_tail);   /* entries before the tail */
	r->sq_published = r->sqe_tail;
	if (r->sqmode == RF_SQMODE_ENTER)
		return ring_enter(n, 0, 0);
	if (r->sqmode == RF_SQMODE_POLLER) {
		smp_mb();   /* the tail store before the flag load: else a sleeping poller is missed */
		if (smp_load_relaxed(&r->kshared->flags) & RF_RING_NEED_WAKEUP)
			ring_enter(n, 0, RF_ENTER_SQ_WAKEUP);
	}
	/* worker: it runs at the next wait, yield or timer tick */
	return (int)n;
}

int ring_peek_cqe(struct ring *r, struct rf_cqe **cqe)
{
	uint32_t tail = smp_load_acquire(&r->kshared->cq_tail);   /* the index, then the entry */
	if (tail == r->cq_head)
		return -RF_EAGAIN;
	*cqe = &r->kcqes[r->cq_head & r->cq_mask];
	return 0;
}

/*
 * One wait step, as the mode needs. enter: the kernel serves inside the
 * call, which also waits. worker: it shares our hart, so waiting means
 * letting it run (a yield, or sleeping in the call). poller: it runs on its
 * own hart; poll spins here without entering the kernel.
 */
int ring_wait_step(struct ring *r)
{
	/* entries published but held back by the kernel (CQ back-pressure) go again */
	uint32_t held = r->sq_published - smp_load_acquire(&r->kshared->sq_head);
	if (held > r->sq_entries)
		held = 0;
	if (r->notify == RF_NOTIFY_WAIT || r->sqmode == RF_SQMODE_ENTER)
		return ring_enter(held, 1, RF_ENTER_GETEVENTS);
	if (r->sqmode == RF_SQMODE_WORKER)
		return yield();
	return 0;   /* poller: spin */
}

int ring_wait_cqe(struct ring *r, struct rf_cqe **cqe)
{
	for (;;) {
		if (ring_peek_cqe(r, cqe) == 0)
			return 0;
		int err = ring_wait_step(r);
		if (err < 0)
			return err;
	}
}

int ring_submit_and_wait(struct ring *r, unsigned want)
{
	int n = ring_submit(r);
	if (n < 0)
		return n;
	while (ring_cq_ready(r) < want) {
		int err = ring_wait_step(r);
		if (err < 0)
			return err;
	}
	return n;
}

void (*ring_uintr_fn)(void);
volatile uint64_t ring_uintr_count;
extern void ring_uintr_entry_syscall(void), ring_uintr_entry_interrupt(void);

int ring_uintr_register(void (*fn)(void))
{
	ring_uintr_fn = fn;
	return uintr_register(ring_uintr_entry_syscall, ring_uintr_entry_interrupt);
}

/* Called by both entry stubs (uintr.S). */
void ring_uintr_dispatch(void)
{
	ring_uintr_count++;
	if (ring_uintr_fn)
		ring_uintr_fn();
}
