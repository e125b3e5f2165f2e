/*
 * The refos async and adaptive backends: tasks are coroutines on one
 * thread, each I/O an SQE on the process's ring (adaptive: or a direct
 * call, where the ring would carry it alone). Where the kernel serves the ring is fixed at
 * boot (sqmode=); how completions are noticed is --notify poll|wait|uintr.
 * With uintr the handler only notes that completions arrived; the executor
 * reaps them and resumes the coroutines.
 */
#include <string.h>
#include "refos.h"
#include "ring.h"
#include "wl.h"
#include "wl_plat_ring.h"
#include "wl_plat_shs.h"

struct wl_plat_ring wl_plat_ring;

static volatile int uintr_fired;

static void on_uintr(void) { uintr_fired = 1; }

static int parse_notify(const char *s)
{
	/* wl_parse_args checked it against wl_args.h and filled the default. */
	if (!strcmp(s, "wait"))
		return RF_NOTIFY_WAIT;
	if (!strcmp(s, "poll"))
		return RF_NOTIFY_POLL;
	if (!strcmp(s, "uintr"))
		return RF_NOTIFY_UINTR;
	return -1;
}

static int async_init(struct wl_engine *eng)
{
	struct wl_plat_ring *ae = &wl_plat_ring;
	int notify = parse_notify(eng->cfg->notify);
	if (notify < 0) {
		wl_printf(2, "%s: --notify must be poll, wait or uintr, not '%s'\n", eng->be->name, eng->cfg->notify);
		return -WL_EINVAL;
	}
	unsigned entries = 8;
	while (entries < eng->max_inflight && entries < RF_RING_MAX_ENTRIES)
		entries *= 2;
	int err = ring_queue_init(entries, &ae->ring, notify);
	if (err < 0) {
		wl_printf(2, "%s: ring_setup failed (%d)%s\n", eng->be->name, err,
			  err == -RF_EINVAL ? ": sqmode=poller needs 2 or more harts" : "");
		return err == -RF_EINVAL ? -WL_ENOSYS : err;
	}
	if (notify == RF_NOTIFY_UINTR && (err = ring_uintr_register(on_uintr)) < 0)
		return err;
	ae->notify = notify;
	ae->sq_mask = ae->ring.sq_mask;
	ae->cq_mask = ae->ring.cq_mask;
	eng->priv = ae;
	return 0;
}

static void async_cleanup(struct wl_engine *eng) { (void)eng; }

enum wl_queue_status wl_plat_ring_submit_full(struct wl_waiter *w, enum wl_op op,
					      int fd, void *buf, size_t len)
{
	struct rf_sqe *s = ring_get_sqe_slow(&wl_plat_ring.ring);
	if (!s)
		return WL_Q_BUSY;
	ring_prep(s, (int)op, fd, (uint64_t)(uintptr_t)buf, (uint32_t)len, (uint64_t)(uintptr_t)w);
	return WL_Q_QUEUED;
}

/* The tail is read with acquire, before the entries next_done reads; only
 * this call reads it. */
int wl_plat_ring_wait(unsigned min)
{
	struct wl_plat_ring *ae = &wl_plat_ring;
	struct ring *r = &ae->ring;
	if (ae->ring_error)
		return -WL_EINVAL;
	ring_cq_advance(r, 0);
	uintr_fired = 0;
	int err = ring_submit(r);
	if (err < 0)
		return err;
	for (;;) {
		ae->cq_tail_seen = smp_load_acquire(&r->kshared->cq_tail);
		uint32_t ready = ae->cq_tail_seen - r->cq_head;
		if (ready >= min)
			return (int)ready;
		if (ae->notify == RF_NOTIFY_UINTR && r->sqmode == RF_SQMODE_POLLER) {
			while (!uintr_fired)   /* the handler, not the CQ, says when to look */
				;
			uintr_fired = 0;
		} else if ((err = ring_wait_step(r)) < 0) {
			return err;
		}
	}
}

/* Completions ready now (the tail read with acquire, as above). */
static uint32_t cq_ready(void)
{
	struct ring *r = &wl_plat_ring.ring;
	wl_plat_ring.cq_tail_seen = smp_load_acquire(&r->kshared->cq_tail);
	return wl_plat_ring.cq_tail_seen - r->cq_head;
}

/*
 * The shared scheduler's idle step (wl_plat_shs.h). What was queued is
 * submitted first, so that the tasks it completes in other address spaces
 * are there for the kernel's pick. Then the kernel, running the same pick
 * over the same queue, switches straight to the executor whose task is
 * next (a fast call, not a wait); only when it did not, and no completion
 * of ours is ready, does the executor wait on its ring as the classic one
 * does.
 */
int wl_plat_ring_idle(void)
{
	struct wl_plat_ring *ae = &wl_plat_ring;
	struct ring *r = &ae->ring;
	if (ae->ring_error)
		return -WL_EINVAL;
	ring_cq_advance(r, 0);
	int err = ring_submit(r);
	if (err < 0)
		return err;
	uint32_t ready = cq_ready();
	if (ready)
		return (int)ready;
	long y = shared_yield();
	if (y < 0)
		return (int)y;
	ready = cq_ready();
	if (ready || y == 1)
		return (int)ready;
	return wl_plat_ring_wait(1);
}

static int async_getevents(struct wl_engine *eng, unsigned min)
{
	(void)eng;
	return wl_plat_ring_wait(min);
}

const struct wl_backend wl_backend_refos_async = {
	.name = "async",
	.flags = WL_BE_RING,
	.init = async_init,
	.cleanup = async_cleanup,
	.getevents = async_getevents,
};

/* The same ring, with a direct system call wherever the ring would carry a
 * request alone (WL_BE_ADAPTIVE, sched.c). */
const struct wl_backend wl_backend_refos_adaptive = {
	.name = "adaptive",
	.flags = WL_BE_RING | WL_BE_ADAPTIVE,
	.init = async_init,
	.cleanup = async_cleanup,
	.getevents = async_getevents,
};
