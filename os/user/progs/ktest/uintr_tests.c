/* The user-interrupt emulation: which way a handler is entered. */
#include "refos.h"
#include "ring.h"
#include "ktest.h"
#include "tests.h"

static struct ring R;

static void on_uintr(void) {}

static uint64_t uintr_returns(const struct rf_stats *s)
{
	uint64_t n = 0;
	for (uint64_t h = 0; h < s->nharts; h++)
		n += s->hart[h].uintr_returns;
	return n;
}

/* Completes the parked read once the ring's owner is back in user mode. */
static long late_writer(void *arg)
{
	for (volatile int i = 0; i < 100000; i++)
		;
	return write((int)(long)arg, "x", 1) == 1 ? 0 : 1;
}

/*
 * A handler entered on the way out of an interrupt ends with uintr_return.
 * A later completion posted inside a system call must be delivered the
 * cheap way again, on the way out of that call, with no uintr_return: the
 * mark that uintr_return leaves on its restored frame is for that trap only.
 */
int t_uintr_after_interrupt(void)
{
	static struct rf_stats a, b;
	struct rf_cqe *c;
	int fds[2];
	char in[1];
	long v;
	CHECK_EQ(ring_queue_init(8, &R, RF_NOTIFY_UINTR), 0);
	CHECK_EQ(ring_uintr_register(on_uintr), 0);
	if (R.sqmode != RF_SQMODE_ENTER)
		return 0;   /* only enter mode completes a request inside the call itself */
	CHECK_EQ(pipe(fds), 0);
	ring_prep_read(ring_get_sqe(&R), fds[0], in, 1, 1);
	CHECK_EQ(ring_submit(&R), 1);   /* parked: the pipe is empty */
	stats(&a);
	uint64_t seen = ring_uintr_count;
	int tid = thread_create(late_writer, (void *)(long)fds[1]);
	CHECK(tid > 0);
	/* spin in user mode: the completion can only come as an interrupt */
	uint64_t t0 = rdtime();
	while (ring_uintr_count == seen)
		CHECK(rdtime() - t0 < 10000000);   /* 1 s of virtual time at most */
	stats(&b);
	CHECK(uintr_returns(&b) > uintr_returns(&a));   /* the premise: the slow way in */
	CHECK_EQ(thread_join(tid, &v), 0);
	CHECK_EQ(v, 0);
	CHECK_EQ(ring_peek_cqe(&R, &c), 0);
	CHECK_EQ(c->res, 1);
	ring_cq_advance(&R, 1);

	stats(&a);
	seen = ring_uintr_count;
	ring_prep_nop(ring_get_sqe(&R), 2);
	CHECK_EQ(ring_submit(&R), 1);   /* completed and delivered in this call */
	stats(&b);
	CHECK_EQ(ring_uintr_count, seen + 1);
	CHECK_EQ(uintr_returns(&b), uintr_returns(&a));
	CHECK_EQ(ring_peek_cqe(&R, &c), 0);
	CHECK_EQ(c->user_data, 2);
	ring_cq_advance(&R, 1);
	return 0;
}
