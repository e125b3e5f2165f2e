/*
 * Async rings, in whatever sqmode the kernel was booted with; each test runs
 * once per notify mode (poll, wait, uintr) since a process has one ring.
 */
#include <string.h>
#include "refos.h"
#include "ring.h"
#include "ktest.h"
#include "tests.h"

#define KERNEL_ADDR 0xffffffc080200000UL

static struct ring R;

static void on_uintr(void) {}

static int setup(int notify, unsigned entries)
{
	int err = ring_queue_init(entries, &R, notify);
	if (err == 0 && notify == RF_NOTIFY_UINTR)
		err = ring_uintr_register(on_uintr);
	return err;
}

/* Submits one SQE and waits for its completion; returns res. */
static long one(int op, int fd, uint64_t addr, uint32_t len, uint64_t ud)
{
	struct rf_sqe *s = ring_get_sqe(&R);
	struct rf_cqe *c;
	if (!s)
		return -1000;
	ring_prep(s, op, fd, addr, len, ud);
	if (ring_submit(&R) < 0 || ring_wait_cqe(&R, &c) < 0)
		return -1001;
	long res = c->res;
	if (c->user_data != ud)
		res = -1002;
	ring_cq_advance(&R, 1);
	return res;
}

/* Lets servers run for a while without completing anything on our side:
 * at least until the kernel has taken every published entry. */
static void settle(void)
{
	for (int i = 0; i < 50; i++) {
		if (R.sqmode == RF_SQMODE_POLLER)
			for (volatile int k = 0; k < 2000; k++)
				;
		else
			yield();
	}
	uint64_t t0 = rdtime();
	/* the kernel's head, read with acquire: it has copied what it covers */
	while (smp_load_acquire(&R.kshared->sq_head) != R.sq_published &&
	       rdtime() - t0 < 500000)   /* 50 ms: held back entries never go */
		if (R.sqmode != RF_SQMODE_POLLER)
			yield();
}

int t_ring_setup_errors(void)
{
	struct rf_ring_params p;
	memset(&p, 0, sizeof(p));
	CHECK_EQ(ring_setup(0, &p), -RF_EINVAL);
	CHECK_EQ(ring_setup(3, &p), -RF_EINVAL);
	CHECK_EQ(ring_setup(8192, &p), -RF_EINVAL);
	CHECK_EQ(ring_setup(8, (struct rf_ring_params *)KERNEL_ADDR), -RF_EFAULT);
	p.notify = 7;
	CHECK_EQ(ring_setup(8, &p), -RF_EINVAL);
	CHECK_EQ(ring_enter(0, 0, 0), -RF_EINVAL);   /* no ring yet */
	p.notify = RF_NOTIFY_POLL;
	CHECK_EQ(ring_setup(4096, &p), 0);
	CHECK_EQ(p.sq_entries, 4096);
	CHECK_EQ(p.cq_entries, 8192);
	CHECK_EQ(ring_setup(8, &p), -RF_EBUSY);
	CHECK_EQ(ring_enter(0, 0, 0x80), -RF_EINVAL);
	CHECK_EQ(uintr_register(0, 0), -RF_EFAULT);
	CHECK_EQ(uintr_register((void *)KERNEL_ADDR, (void *)KERNEL_ADDR), -RF_EFAULT);
	return 0;
}

static int ring_ops(int notify)
{
	int fds[2] = { -1, -1 };
	char out[16] = "async hello", in[16];
	CHECK_EQ(setup(notify, 8), 0);
	CHECK_EQ(one(RF_OP_NOP, -1, 0, 0, 1), 0);
	CHECK_EQ(one(RF_OP_PIPE, -1, (uint64_t)fds, 0, 2), 0);
	CHECK(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1]);
	CHECK_EQ(one(RF_OP_WRITE, fds[1], (uint64_t)out, 12, 3), 12);
	CHECK_EQ(one(RF_OP_READ, fds[0], (uint64_t)in, 16, 4), 12);
	CHECK(memcmp(in, out, 12) == 0);
	/* sync and async share the fds */
	CHECK_EQ(write(fds[1], "xy", 2), 2);
	CHECK_EQ(one(RF_OP_READ, fds[0], (uint64_t)in, 16, 5), 2);
	/* error paths, each the sync twin's error */
	CHECK_EQ(one(RF_OP_READ, 99, (uint64_t)in, 4, 6), -RF_EBADF);
	CHECK_EQ(one(RF_OP_READ, -3, (uint64_t)in, 4, 6), -RF_EBADF);
	CHECK_EQ(one(RF_OP_WRITE, fds[0], (uint64_t)out, 4, 7), -RF_EBADF);
	CHECK_EQ(one(RF_OP_READ, fds[1], (uint64_t)in, 4, 7), -RF_EBADF);
	CHECK_EQ(one(RF_OP_WRITE, fds[1], KERNEL_ADDR, 4, 8), -RF_EFAULT);
	CHECK_EQ(one(RF_OP_WRITE, fds[1], 0x2000000000UL, 4, 8), -RF_EFAULT);
	CHECK_EQ(one(RF_OP_WRITE, fds[1], (uint64_t)out, 0xffffffffu, 9), -RF_EFAULT);
	CHECK_EQ(write(fds[1], "z", 1), 1);
	CHECK_EQ(one(RF_OP_READ, fds[0], KERNEL_ADDR, 4, 10), -RF_EFAULT);
	CHECK_EQ(one(RF_OP_READ, fds[0], (uint64_t)in, 1, 11), 1);   /* the byte is still there */
	CHECK_EQ(one(RF_OP_PIPE, -1, KERNEL_ADDR, 0, 12), -RF_EFAULT);
	CHECK_EQ(one(RF_OP_CLOSE, 77, 0, 0, 13), -RF_EBADF);
	CHECK_EQ(one(42, -1, 0, 0, 14), -RF_EINVAL);
	struct rf_sqe *s = ring_get_sqe(&R);
	struct rf_cqe *c;
	ring_prep_nop(s, 15);
	s->flags = 0x80;   /* no flags are defined */
	CHECK(ring_submit(&R) >= 0);
	CHECK_EQ(ring_wait_cqe(&R, &c), 0);
	CHECK_EQ(c->res, -RF_EINVAL);
	ring_cq_advance(&R, 1);
	CHECK_EQ(one(RF_OP_CLOSE, fds[0], 0, 0, 16), 0);
	CHECK_EQ(one(RF_OP_CLOSE, fds[0], 0, 0, 17), -RF_EBADF);
	CHECK_EQ(close(fds[1]), 0);
	int again[2];
	CHECK_EQ(pipe(again), 0);
	CHECK_EQ(again[0], fds[0]);   /* the failed PIPE left no fds behind */
	return 0;
}

/* A read of an empty pipe is parked, not blocking, and finishes when a writer comes. */
static int ring_parked(int notify)
{
	int fds[2];
	char in[64], big[RF_PIPE_BUF];
	struct rf_cqe *c;
	CHECK_EQ(setup(notify, 8), 0);
	CHECK_EQ(pipe(fds), 0);
	struct rf_sqe *s = ring_get_sqe(&R);
	ring_prep_read(s, fds[0], in, sizeof(in), 100);
	CHECK(ring_submit(&R) >= 0);
	settle();
	CHECK_EQ(ring_peek_cqe(&R, &c), -RF_EAGAIN);   /* still parked */
	/* a later change to the consumed SQE must not matter */
	s->addr = KERNEL_ADDR;
	s->len = 1;
	CHECK_EQ(write(fds[1], "parked!", 7), 7);
	CHECK_EQ(ring_wait_cqe(&R, &c), 0);
	CHECK_EQ(c->user_data, 100);
	CHECK_EQ(c->res, 7);
	CHECK(memcmp(in, "parked!", 7) == 0);
	ring_cq_advance(&R, 1);

	/* a write to a full pipe is parked until a reader makes room */
	memset(big, 'b', sizeof(big));
	long filled = 0;
	while (filled < 65536 && one(RF_OP_NOP, -1, 0, 0, 1) == 0) {
		struct rf_sqe *w = ring_get_sqe(&R);
		ring_prep_write(w, fds[1], big, sizeof(big), 200);
		CHECK(ring_submit(&R) >= 0);
		settle();
		if (ring_peek_cqe(&R, &c) != 0)
			break;   /* parked: the pipe is full */
		CHECK_EQ(c->res, RF_PIPE_BUF);
		ring_cq_advance(&R, 1);
		filled += RF_PIPE_BUF;
	}
	CHECK(filled > 0 && filled < 65536);
	CHECK_EQ(read(fds[0], big, sizeof(big)), RF_PIPE_BUF);
	CHECK_EQ(ring_wait_cqe(&R, &c), 0);
	CHECK_EQ(c->user_data, 200);
	CHECK_EQ(c->res, RF_PIPE_BUF);
	ring_cq_advance(&R, 1);

	/* EOF and EPIPE reach parked requests too */
	int p2[2];
	CHECK_EQ(pipe(p2), 0);
	s = ring_get_sqe(&R);
	ring_prep_read(s, p2[0], in, 8, 300);
	CHECK(ring_submit(&R) >= 0);
	settle();
	CHECK_EQ(close(p2[1]), 0);
	CHECK_EQ(ring_wait_cqe(&R, &c), 0);
	CHECK_EQ(c->user_data, 300);
	CHECK_EQ(c->res, 0);
	ring_cq_advance(&R, 1);
	/* fds is full again: one more write parks, and closing the reader fails it */
	for (;;) {
		struct rf_sqe *w = ring_get_sqe(&R);
		ring_prep_write(w, fds[1], big, sizeof(big), 400);
		CHECK(ring_submit(&R) >= 0);
		settle();
		if (ring_peek_cqe(&R, &c) != 0)
			break;
		ring_cq_advance(&R, 1);
	}
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(ring_wait_cqe(&R, &c), 0);
	CHECK_EQ(c->user_data, 400);
	CHECK_EQ(c->res, -RF_EPIPE);
	ring_cq_advance(&R, 1);
	return 0;
}

/* More completions than the CQ holds: none is lost, all arrive in order. */
static int ring_overflow(int notify)
{
	enum { ROUNDS = 5 };   /* 4 fill the CQ and the overflow; the 5th must wait */
	struct rf_cqe *c;
	CHECK_EQ(setup(notify, 4), 0);   /* CQ: 8 entries */
	uint64_t next = 0;
	for (int round = 0; round < ROUNDS; round++) {
		for (int i = 0; i < 4; i++) {
			struct rf_sqe *s;
			while (!(s = ring_get_sqe(&R))) {
				CHECK(ring_submit(&R) >= 0);
				settle();
			}
			ring_prep_nop(s, 1000 + next++);
		}
		CHECK(ring_submit(&R) >= 0);
		settle();
	}
	CHECK_EQ(R.kshared->overflow, 8);
	CHECK_EQ(R.kshared->sq_head, 16);   /* back-pressure: the last 4 wait in the SQ */
	for (uint64_t want = 1000; want < 1000 + next; want++) {
		if (ring_peek_cqe(&R, &c) != 0) {
			CHECK(ring_submit(&R) >= 0);   /* let held-back entries go */
			CHECK_EQ(ring_wait_cqe(&R, &c), 0);
		}
		CHECK_EQ(c->user_data, want);
		CHECK_EQ(c->res, 0);
		ring_cq_advance(&R, 1);
	}
	settle();
	CHECK_EQ(ring_peek_cqe(&R, &c), -RF_EAGAIN);   /* and nothing twice */
	return 0;
}

/* Scribbled indexes: an error completion or -EINVAL, then business as usual. */
static int ring_hostile(int notify)
{
	struct rf_cqe *c;
	CHECK_EQ(setup(notify, 8), 0);
	/* kernel-owned fields written by the user are ignored: the kernel keeps
	 * its own copies and overwrites these at its next publish */
	R.kshared->sq_head = 12345;
	R.kshared->cq_tail = 999;
	ring_prep_nop(&R.ksqes[R.sqe_tail++ & R.sq_mask], 1);
	R.kshared->sq_tail = R.sqe_tail;
	R.sq_published = R.sqe_tail;
	ring_enter(1, 0, RF_ENTER_SQ_WAKEUP);
	while (R.kshared->sq_head != R.sqe_tail)
		settle();
	while (R.kshared->cq_tail != R.cq_head + 1)
		settle();
	CHECK_EQ(ring_wait_cqe(&R, &c), 0);
	CHECK_EQ(c->user_data, 1);
	ring_cq_advance(&R, 1);
	/* a tail claiming more entries than the ring holds */
	uint32_t good = R.sqe_tail;
	R.kshared->sq_tail = good + 1000;
	long r = ring_enter(1000, 0, RF_ENTER_SQ_WAKEUP);
	CHECK(r == -RF_EINVAL || R.sqmode != RF_SQMODE_ENTER);
	CHECK_EQ(ring_wait_cqe(&R, &c), 0);
	CHECK_EQ(c->user_data, RF_USER_DATA_RING_ERROR);
	CHECK_EQ(c->res, -RF_EINVAL);
	ring_cq_advance(&R, 1);
	R.sqe_tail = R.sq_published = good + 1000;   /* the kernel skipped the garbage */
	CHECK_EQ(one(RF_OP_NOP, -1, 0, 0, 2), 0);
	/* an impossible cq_head: waiting fails instead of sleeping forever */
	uint32_t h = R.cq_head;
	R.kshared->cq_head = h + 5000;
	CHECK_EQ(ring_enter(0, 1, RF_ENTER_GETEVENTS), -RF_EINVAL);
	R.kshared->cq_head = h;
	CHECK_EQ(one(RF_OP_NOP, -1, 0, 0, 3), 0);
	return 0;
}

/* Sixteen accumulators keep most registers live across interrupts. */
static uint64_t checksum(const uint64_t *v, long n)
{
	uint64_t a[16] = { 0 };
	for (long i = 0; i + 16 <= n; i += 16)
		for (int k = 0; k < 16; k++)
			a[k] = a[k] * 31 + v[i + k] + (uint64_t)k;
	uint64_t s = 0;
	for (int k = 0; k < 16; k++)
		s ^= a[k] << k;
	return s;
}

/* Completions keep arriving while we compute: every result must be exact. */
static int ring_uintr_load(int notify)
{
	enum { N = 4096 };
	static uint64_t data[N];
	struct rf_cqe *c;
	CHECK_EQ(setup(notify, 64), 0);
	for (int i = 0; i < N; i++)
		data[i] = (uint64_t)i * 0x9e3779b97f4a7c15ULL;
	uint64_t want = checksum(data, N);
	uint64_t reaped = 0, submitted = 0;
	for (int round = 0; round < 40; round++) {
		struct rf_sqe *s;
		while ((s = ring_get_sqe(&R)))
			ring_prep_nop(s, submitted++);
		CHECK(ring_submit(&R) >= 0);
		for (int k = 0; k < 5; k++)
			CHECK_EQ(checksum(data, N), want);
		while (ring_peek_cqe(&R, &c) == 0) {
			CHECK_EQ(c->user_data, reaped);
			reaped++;
			ring_cq_advance(&R, 1);
		}
	}
	while (reaped < submitted) {
		CHECK_EQ(ring_wait_cqe(&R, &c), 0);
		CHECK_EQ(c->user_data, reaped);
		reaped++;
		ring_cq_advance(&R, 1);
	}
	if (notify == RF_NOTIFY_UINTR)
		CHECK(ring_uintr_count > 0);
	return 0;
}

/* The poller sleeps after an idle spell and a submitter wakes it. */
int t_ring_poller_sleep(void)
{
	CHECK_EQ(setup(RF_NOTIFY_POLL, 8), 0);
	if (R.sqmode != RF_SQMODE_POLLER)
		return 0;   /* only meaningful with a poller */
	CHECK_EQ(one(RF_OP_NOP, -1, 0, 0, 1), 0);
	uint64_t t0 = rdtime();
	/* set by the poller just before it sleeps */
	while (!(smp_load_acquire(&R.kshared->flags) & RF_RING_NEED_WAKEUP))
		CHECK(rdtime() - t0 < 10000000);   /* 1 s of virtual time at most */
	static struct rf_stats a, b;
	stats(&a);
	CHECK_EQ(one(RF_OP_NOP, -1, 0, 0, 2), 0);
	stats(&b);
	CHECK(b.hart[0].worker_wakeups > a.hart[0].worker_wakeups);
	return 0;
}

/*
 * A submitter's wake-up ends the poller's pause between empty passes at
 * once: it used to wait out the pause's timer, which a busy host running
 * the harts as threads may deliver tens of milliseconds late. Run with a
 * long pause (poll_ns=) and without -icount to tell the two apart (under
 * -icount the harts take turns and a woken hart waits for its turn).
 */
int t_poller_wakeup(void)
{
	CHECK_EQ(setup(RF_NOTIFY_POLL, 8), 0);
	if (R.sqmode != RF_SQMODE_POLLER)
		return 0;
	int slow = 0;
	for (uint64_t i = 1; i <= 16; i++) {
		for (volatile int k = 0; k < 20000; k++)   /* the poller finds nothing and pauses */
			;
		struct rf_sqe *s = ring_get_sqe(&R);
		struct rf_cqe *c;
		CHECK(s != 0);
		ring_prep(s, RF_OP_NOP, -1, 0, 0, i);
		uint64_t t0 = rdtime();
		ring_submit(&R);
		CHECK_EQ(ring_enter(0, 0, RF_ENTER_SQ_WAKEUP), 0);
		while (ring_peek_cqe(&R, &c) != 0)
			CHECK(rdtime() - t0 < 10000000);   /* 1 s */
		slow += rdtime() - t0 > 10000;   /* 1 ms */
		CHECK_EQ(c->user_data, i);
		ring_cq_advance(&R, 1);
	}
	CHECK(slow < 8);   /* half: a busy host may hold off even a kicked hart */
	return 0;
}

#define PER_NOTIFY(fn)                                              \
	int t_##fn##_poll(void) { return fn(RF_NOTIFY_POLL); }     \
	int t_##fn##_wait(void) { return fn(RF_NOTIFY_WAIT); }     \
	int t_##fn##_uintr(void) { return fn(RF_NOTIFY_UINTR); }
PER_NOTIFY(ring_ops)
PER_NOTIFY(ring_parked)
PER_NOTIFY(ring_overflow)
PER_NOTIFY(ring_hostile)
PER_NOTIFY(ring_uintr_load)
