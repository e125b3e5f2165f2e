/*
 * The refos async backend: tasks are coroutines on one thread, each I/O an
 * SQE on the process's ring. Where the kernel serves the ring is fixed at
 * boot (sqmode=); how completions are noticed is --notify poll|wait|uintr.
 * With uintr the handler only notes that completions arrived; the executor
 * reaps them and resumes the coroutines.
 */
#include <string.h>
#include "refos.h"
#include "ring.h"
#include "wl.h"

struct async_engine {
	struct ring ring;
	int notify;
};

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
	static struct async_engine ae;
	int notify = parse_notify(eng->cfg->notify);
	if (notify < 0) {
		wl_printf(2, "async: --notify must be poll, wait or uintr, not '%s'\n", eng->cfg->notify);
		return -WL_EINVAL;
	}
	unsigned entries = 8;
	while (entries < eng->max_inflight && entries < RF_RING_MAX_ENTRIES)
		entries *= 2;
	int err = ring_queue_init(entries, &ae.ring, notify);
	if (err < 0) {
		wl_printf(2, "async: ring_setup failed (%d)%s\n", err,
			  err == -RF_EINVAL ? ": sqmode=poller needs 2 or more harts" : "");
		return err == -RF_EINVAL ? -WL_ENOSYS : err;
	}
	if (notify == RF_NOTIFY_UINTR && (err = ring_uintr_register(on_uintr)) < 0)
		return err;
	ae.notify = notify;
	eng->priv = &ae;
	return 0;
}

static void async_cleanup(struct wl_engine *eng) { (void)eng; }

static enum wl_queue_status async_queue(struct wl_engine *eng, struct wl_io *io)
{
	struct async_engine *ae = eng->priv;
	struct rf_sqe *s = ring_get_sqe(&ae->ring);
	if (!s)
		return WL_Q_BUSY;
	int op = io->op == WL_OP_READ ? RF_OP_READ : io->op == WL_OP_WRITE ? RF_OP_WRITE : RF_OP_NOP;
	ring_prep(s, op, io->fd, (uint64_t)(uintptr_t)io->buf, (uint32_t)io->len,
		  (uint64_t)(uintptr_t)io);
	return WL_Q_QUEUED;
}

static int reap(struct async_engine *ae)
{
	struct rf_cqe *c;
	uint32_t n = 0;
	int err = 0;
	ring_for_each_cqe(&ae->ring, head, tail, c) {
		uint64_t ud = c->user_data;
		n++;
		if (ud == RF_USER_DATA_RING_ERROR) {
			err = -WL_EINVAL;   /* our own ring was scribbled on: a bug here */
			continue;
		}
		struct wl_io *io = (struct wl_io *)(uintptr_t)ud;
		io->result = (long)c->res;
		wl_io_done(io);
	}
	ring_cq_advance(&ae->ring, n);
	return err ? err : (int)n;
}

static int async_getevents(struct wl_engine *eng, unsigned min)
{
	struct async_engine *ae = eng->priv;
	uintr_fired = 0;
	int err = ring_submit(&ae->ring);
	if (err < 0)
		return err;
	int got = reap(ae);
	while (got >= 0 && (unsigned)got < min) {
		if (ae->notify == RF_NOTIFY_UINTR && ae->ring.sqmode == RF_SQMODE_POLLER) {
			while (!uintr_fired)   /* the handler, not the CQ, says when to look */
				;
			uintr_fired = 0;
		} else if ((err = ring_wait_step(&ae->ring)) < 0) {
			return err;
		}
		int n = reap(ae);
		if (n < 0)
			return n;
		got += n;
	}
	return got;
}

const struct wl_backend wl_backend_refos_async = {
	.name = "async",
	.flags = 0,
	.init = async_init,
	.cleanup = async_cleanup,
	.queue = async_queue,
	.getevents = async_getevents,
};
