/*
 * Rings under hostile submissions, scribbled headers, full completion
 * rings and broken tails, torn down mid-flight; and user-interrupt
 * handlers the program cannot run. Accounting is in ring_track.c.
 */
#include <string.h>
#include "fuzz.h"
#include "ring_track.h"

#define NPIPES 4

static int pfd[NPIPES][2];
static volatile int helper_stop, scribble_stop;
static volatile uint64_t scribbles;
static volatile uint64_t uintrs;
static bool scribble_user_fields;

static void on_uintr(void) { uintrs++; }

/* Sets up R for a scenario: 0, or 1 when this boot has no rings (poller
 * mode on one hart). */
static int ring_up(struct rng *r, unsigned max_log, int notify)
{
	unsigned entries = 1u << rnd_below(r, max_log + 1);
	int err = ring_queue_init(entries, &R, notify);
	if (err == -RF_EINVAL && nharts() == 1)
		return 1;
	if (err != 0) {
		FINDING("ring_setup(%u): %d", entries, err);
		return 1;
	}
	if (notify == RF_NOTIFY_UINTR && ring_uintr_register(on_uintr) != 0)
		FINDING("uintr_register of a good handler failed");
	track_reset();
	return 0;
}

/* Writes one SQE as four words, any bits in any field. */
static void put_sqe(struct rf_sqe *s, uint8_t op, uint32_t flags_rsvd, int32_t fd, uint64_t addr,
		    uint32_t len, uint32_t rsvd2, uint64_t ud)
{
	volatile uint64_t *w = (volatile uint64_t *)s;
	w[0] = (uint64_t)op | (uint64_t)flags_rsvd << 8 | (uint64_t)(uint32_t)fd << 32;
	w[1] = addr;
	w[2] = (uint64_t)len | (uint64_t)rsvd2 << 32;
	w[3] = ud;
}

static int32_t rnd_bad_fd(struct rng *r)
{
	static const int32_t fds[] = { -1, -1000, RF_NOFILE, 1500, 0x7fffffff, (int32_t)0x80000000 };
	return fds[rnd_below(r, sizeof(fds) / sizeof(fds[0]))];
}

/* A hostile or ordinary submission into slot s. */
static void hostile_sqe(struct rng *r, struct rf_sqe *s, bool may_park)
{
	bool bad;
	uint64_t ptr = rnd_ptr(r, &bad);
	uint32_t len = chance(r, 30) ? (uint32_t)rnd(r) : (uint32_t)rnd_below(r, 3 * PAGE);
	int p = (int)rnd_below(r, NPIPES);
	uint8_t rw = chance(r, 50) ? RF_OP_READ : RF_OP_WRITE;
	int end = rw == RF_OP_READ ? 0 : 1;
	switch (rnd_below(r, may_park ? 10 : 6)) {
	case 0:
		put_sqe(s, RF_OP_NOP, 0, (int32_t)rnd(r), rnd(r), (uint32_t)rnd(r), 0, track_add(0));
		break;
	case 1:
		put_sqe(s, (uint8_t)(5 + rnd_below(r, 251)), 0, -1, 0, 0, 0, track_add(-RF_EINVAL));
		break;
	case 2: {
		uint32_t fr = (uint32_t)rnd(r) & 0xffffff, r2 = chance(r, 50) ? (uint32_t)rnd(r) | 1 : 0;
		if (!fr && !r2)
			fr = 1u << rnd_below(r, 24);
		put_sqe(s, (uint8_t)rnd_below(r, 5), fr, pfd[p][end], ptr, len, r2, track_add(-RF_EINVAL));
		break;
	}
	case 3:
		if (chance(r, 50))
			put_sqe(s, rw, 0, rnd_bad_fd(r), (uint64_t)(uintptr_t)arena, len % PAGE | 1, 0,
				track_add(-RF_EBADF));
		else   /* the wrong end, unless a CLOSE and a PIPE gave its number away */
			put_sqe(s, rw, 0, pfd[p][1 - end], (uint64_t)(uintptr_t)arena, len % PAGE | 1, 0,
				track_add(ANY_RES));
		break;
	case 4:
		put_sqe(s, RF_OP_CLOSE, 0, rnd_bad_fd(r), 0, 0, 0, track_add(-RF_EBADF));
		break;
	case 5:
		if (bad && ptr >= ADDR_USER_TOP) {
			put_sqe(s, rw, 0, pfd[p][end], ptr, len | 1, 0, track_add(-RF_EFAULT));
		} else {
			put_sqe(s, RF_OP_PIPE, 0, -1, ADDR_KERNEL, 0, 0, track_add(-RF_EFAULT));
		}
		break;
	case 6:
	case 7:
		put_sqe(s, rw, 0, pfd[p][end], ptr, len, 0, track_add(ANY_RES));
		break;
	case 8: {
		uint64_t ud = track_add(ANY_RES);
		uint32_t slot = (uint32_t)(ud - T.base) % 256;
		put_sqe(s, RF_OP_PIPE, 0, -1, (uint64_t)(uintptr_t)(arena + 7 * PAGE + slot * 8), 0, 0, ud);
		break;
	}
	default:
		put_sqe(s, RF_OP_CLOSE, 0, pfd[p][rnd_below(r, 2)], 0, 0, 0, track_add(ANY_RES));
	}
}

/* Another thread scribbles the header while the kernel serves: the fields
 * the kernel owns, and with scribble_user_fields the user's too. */
static long scribbler(void *arg)
{
	struct rng r = { (uint64_t)(uintptr_t)arg };
	volatile uint32_t *k = (volatile uint32_t *)R.kshared;
	static const int kernel_fields[] = { 0, 3, 4, 5, 6, 7 }, no_tail[] = { 0, 4, 5, 6, 7 };
	bool with_tail = (uintptr_t)arg & 1;
	while (!scribble_stop) {
		int f = scribble_user_fields ? (int)rnd_below(&r, 8)
			: with_tail ? kernel_fields[rnd_below(&r, 6)] : no_tail[rnd_below(&r, 5)];
		uint32_t v = (uint32_t)rnd(&r);
		k[f] = chance(&r, 50) ? v : k[f] + (v % 5) - 2;
		scribbles++;
		if (chance(&r, 10))
			yield();
	}
	return 0;
}

/* Sync I/O on the same pipes: finishes parked requests from another thread. */
static long helper(void *arg)
{
	struct rng r = { (uint64_t)(uintptr_t)arg };
	static char buf[512];
	while (!helper_stop) {
		int p = (int)rnd_below(&r, NPIPES);
		if (chance(&r, 50))
			write(pfd[p][1], buf, 1 + rnd_below(&r, sizeof(buf)));
		else
			read(pfd[p][0], buf, 1 + rnd_below(&r, sizeof(buf)));
		yield();
	}
	return 0;
}

/* Every fd this process has: ring PIPEs and CLOSEs move numbers around. */
static void close_all(void)
{
	for (int fd = 0; fd < RF_NOFILE; fd++)
		close(fd);
}

/* Lets the kernel take what is published, until it has or stops moving
 * for 5 ms (back-pressure: parked requests hold every CQ slot). */
static void wait_taken(void)
{
	uint32_t last = smp_load_acquire(&R.kshared->sq_head);
	for (uint64_t t0 = rdtime(); last != R.sq_published && rdtime() - t0 < 50000;) {
		ring_kick();
		track_reap();
		uint32_t h = smp_load_acquire(&R.kshared->sq_head);
		if (h != last) {
			last = h;
			t0 = rdtime();
		}
	}
}

/* Waits in the kernel for min completions when that cannot block forever:
 * only NOPs are in flight. */
static void wait_in_kernel(uint32_t min)
{
	uint32_t flags = RF_ENTER_GETEVENTS | (R.sqmode == RF_SQMODE_POLLER ? RF_ENTER_SQ_WAKEUP : 0);
	int res = ring_enter(R.sqmode == RF_SQMODE_ENTER ? R.sq_entries : 0, min, flags);
	if (res < 0)
		FINDING("ring_enter(GETEVENTS %u) returned %d", min, res);
}

int fz_ring(struct rng *r)
{
	int notify = (int)rnd_below(r, 3);
	if (ring_up(r, 6, notify))
		return 0;
	for (int p = 0; p < NPIPES; p++)
		if (pipe(pfd[p]) != 0)
			FINDING("pipe failed");
	int scr = 0, hlp = 0;
	scribble_stop = helper_stop = 0;
	scribble_user_fields = false;
	if (chance(r, 50)) {
		T.scribbling = true;
		scr = thread_create(scribbler, (void *)(uintptr_t)(rnd(r) & ~1UL));
	}
	if (chance(r, 60))
		hlp = thread_create(helper, (void *)(uintptr_t)rnd(r));
	int total = 200 + (int)rnd_below(r, 1000), stuck = 0;
	while ((int)T.n < total && stuck < 2000) {
		struct rf_sqe *s = T.scribbling ? track_sqe() : ring_get_sqe(&R);
		if (!s) {
			ring_submit(&R);
			ring_kick();
			track_reap();
			stuck++;
			continue;
		}
		stuck = 0;
		hostile_sqe(r, s, true);
		if (chance(r, 20)) {
			ring_submit(&R);
			if (chance(r, 30))
				ring_kick();
			track_reap();
		}
	}
	ring_submit(&R);
	helper_stop = 1;
	if (scr) {
		long v;
		scribble_stop = 1;
		thread_join(scr, &v);
	}
	/* Close every fd once the kernel has taken every SQE: a PIPE it ran
	 * after the close would leave a parked request waiting on fds nobody
	 * closes. Parked requests may hold the rest back (no CQ room), and
	 * only the close ends them: so close, and again once all is taken. A
	 * server on another hart may take the last ones just after a close,
	 * so the drain closes again whenever it stalls. */
	for (int pass = 0; pass < 8; pass++) {
		wait_taken();
		close_all();   /* parked requests end: EOF, EPIPE */
		if (smp_load_acquire(&R.kshared->sq_head) == R.sq_published)
			break;
	}
	if (scr) {
		struct rf_sqe *s;
		while (!(s = track_sqe())) {
			ring_kick();
			track_reap();
		}
		put_sqe(s, RF_OP_NOP, 0, 0, 0, 0, 0, track_add(0));   /* posts the header's counts again */
		ring_submit(&R);
	}
	track_drain("ring", close_all);
	T.scribbling = false;
	track_reap();
	if (T.errors)
		FINDING("%u broken-ring completions on a ring with honest tails", T.errors);
	if (hlp) {
		long v;
		thread_join(hlp, &v);
	}
	if (notify == RF_NOTIFY_UINTR && T.n && !uintrs && R.sqmode != RF_SQMODE_POLLER)
		FINDING("no user interrupt for %u completions", T.done);
	return 0;
}

/* Makes the kernel take a new tail (one no ring could hold) and its own
 * indexes visible again; with discard, the CQ's contents are given up.
 * A broken tail the kernel took is its head now, so the new tail must lie
 * far from every broken one: a tail within sq_entries above the head is
 * honest, and the kernel would serve the stale entries in between again. */
static void resync(bool discard)
{
	uint32_t g = 0;
	bool took = false;
	/* a while of virtual time, not a count of tries: without -icount the
	 * poller's hart is a host thread that a busy host may hold off for
	 * tens of milliseconds, hundreds of our tries */
	uint64_t t0 = rdtime();
	for (uint32_t tries = 0; !took && rdtime() - t0 < 10000000; tries++) {   /* 1 s */
		g = R.sq_published + 0x80000000u + 4096u * (uint32_t)tries;   /* tries apart too */
		smp_store_release(&R.kshared->sq_tail, g);
		if (discard) {
			R.cq_head = smp_load_acquire(&R.kshared->cq_tail);
			smp_store_release(&R.kshared->cq_head, R.cq_head);
		} else {
			track_reap();
		}
		ring_enter(1, 0, RF_ENTER_SQ_WAKEUP);
		for (int i = 0; i < 3 && !took; i++) {
			settle(1);
			took = smp_load_acquire(&R.kshared->sq_head) == g;
		}
	}
	if (!took) {
		FINDING("the kernel never took a new tail (sq_head %u, tail %u)",
			smp_load_acquire(&R.kshared->sq_head), g);
		return;
	}
	R.sqe_tail = R.sq_published = R.sq_head_seen = g;
	if (discard) {
		R.cq_head = smp_load_acquire(&R.kshared->cq_tail);
		smp_store_release(&R.kshared->cq_head, R.cq_head);
	}
}

/* Fresh NOPs on a ring that was broken and resynced: each exactly once. */
static void fresh_nops(struct rng *r, const char *what)
{
	int m = 1 + (int)rnd_below(r, 3 * R.sq_entries);
	for (int i = 0; i < m; i++) {
		struct rf_sqe *s;
		uint64_t t0 = rdtime();
		while (!(s = ring_get_sqe(&R))) {
			if (rdtime() - t0 > 10000000) {   /* 1 s: a finding, not a hang */
				FINDING("%s: no free SQE slot (sq_head %u, tail %u)", what,
					smp_load_acquire(&R.kshared->sq_head), R.sq_published);
				return;
			}
			ring_submit(&R);
			ring_kick();
			track_reap();
		}
		put_sqe(s, RF_OP_NOP, 0, -1, 0, 0, 0, track_add(0));
	}
	ring_submit(&R);
	track_drain(what, 0);
}

int fz_ring_scribble(struct rng *r)
{
	if (ring_up(r, 5, (int)rnd_below(r, 3)))
		return 0;
	scribble_stop = 0;
	scribbles = 0;
	T.scribbling = true;
	if (chance(r, 50)) {
		/* the kernel's fields only, nobody reaping: then a fence, and
		 * every submission exactly once */
		scribble_user_fields = false;
		int tid = thread_create(scribbler, (void *)(uintptr_t)(rnd(r) | 1));
		uint32_t k = 1 + (uint32_t)rnd_below(r, R.sq_entries);
		for (uint32_t i = 0; i + 1 < k; i++) {
			hostile_sqe(r, track_sqe(), false);
			if (chance(r, 30)) {
				ring_submit(&R);
				ring_kick();
			}
		}
		ring_submit(&R);
		for (int i = 0; i < 50 || scribbles < 200; i++) {
			ring_kick();
			if (i % 4 == 0)
				yield();   /* one hart: the scribbler runs too */
		}
		long v;
		scribble_stop = 1;
		thread_join(tid, &v);
		put_sqe(track_sqe(), RF_OP_NOP, 0, -1, 0, 0, 0, track_add(0));
		ring_submit(&R);
		T.scribbling = false;
		wait_in_kernel(k);
		track_drain("scribbled kernel fields", 0);
		return 0;
	}
	/* every field, the user's too: a broken ring. Resynced, it works again. */
	scribble_user_fields = true;
	int tid = thread_create(scribbler, (void *)(uintptr_t)rnd(r));
	for (int i = 0; i < 100 + (int)rnd_below(r, 300); i++) {
		struct rf_sqe *s = &R.ksqes[R.sqe_tail++ & R.sq_mask];
		put_sqe(s, RF_OP_NOP, 0, -1, 0, 0, 0, track_add(0));
		if (chance(r, 30)) {
			ring_submit(&R);
			ring_kick();
		}
	}
	long v;
	scribble_stop = 1;
	thread_join(tid, &v);
	resync(true);
	track_reset();
	T.stale_ok = true;
	T.scribbling = false;
	fresh_nops(r, "fresh NOPs after a scribbled ring");
	return 0;
}

/* The CQ and its overflow full, broken tails among them, partial reaps:
 * what the kernel took completes once; fresh NOPs afterwards once each. */
int fz_ring_overflow(struct rng *r)
{
	if (ring_up(r, 5, (int)rnd_below(r, 3)))
		return 0;
	for (int round = 0; round < 3; round++) {
		uint32_t seg_sq0 = R.sqe_tail, seg_ud0 = T.n;
		uint32_t n = R.cq_entries + (uint32_t)rnd_below(r, 3 * R.cq_entries);
		for (uint32_t i = 0; i < n; i++) {
			struct rf_sqe *s;
			int spins = 0;
			while (!(s = ring_get_sqe(&R)) && spins++ < 50) {
				ring_submit(&R);
				ring_kick();
			}
			if (!s)
				break;   /* back-pressure: CQ and overflow full */
			hostile_sqe(r, s, false);
		}
		ring_submit(&R);
		settle(5);
		for (int g = (int)rnd_below(r, 4); g > 0; g--) {
			ring_kick();
			settle(2);
			/* what the kernel copied so far must complete */
			uint32_t took = smp_load_acquire(&R.kshared->sq_head) - seg_sq0;
			if (took <= T.n - seg_ud0)
				track_unsure(seg_ud0 + took);
			/* broken tails 4096 apart: none is a few entries above another */
			smp_store_release(&R.kshared->sq_tail,
					  R.sq_published + 4096 * (1 + (uint32_t)rnd_below(r, 1000)));
			ring_enter(1, 0, RF_ENTER_SQ_WAKEUP);
			settle(2);
			if (chance(r, 50)) {   /* reap a few: room for the overflow */
				struct rf_cqe *c;
				for (int k = (int)rnd_below(r, 8); k > 0 && ring_peek_cqe(&R, &c) == 0; k--) {
					track_cqe(c);
					ring_cq_advance(&R, 1);
				}
			}
			if (smp_load_acquire(&R.kshared->overflow) > R.cq_entries)
				FINDING("header says %u completions wait in an overflow ring of %u",
					smp_load_acquire(&R.kshared->overflow), R.cq_entries);
		}
		/* the resync's own broken tail drops what the kernel has not taken */
		for (int i = 0; i < 20 && smp_load_acquire(&R.kshared->sq_head) != R.sq_published; i++) {
			track_reap();
			ring_kick();
		}
		uint32_t took = smp_load_acquire(&R.kshared->sq_head) - seg_sq0;
		if (took <= T.n - seg_ud0)
			track_unsure(seg_ud0 + took);
		resync(false);
		track_drain("full CQ with broken tails", 0);
		fresh_nops(r, "fresh NOPs after broken tails");
	}
	return 0;
}

/* ---- teardown: a ring going away with work in flight ------------------ */

static volatile int setups_won, setups_busy;

static long racing_setup(void *arg)
{
	struct ring *mine = arg;
	int err = ring_queue_init(8, mine, RF_NOTIFY_POLL);
	if (err == 0)
		__atomic_fetch_add(&setups_won, 1, __ATOMIC_RELAXED);
	else if (err == -RF_EBUSY)
		__atomic_fetch_add(&setups_busy, 1, __ATOMIC_RELAXED);
	return err;
}

static long exit_later(void *arg)
{
	settle((int)(uintptr_t)arg);
	exit(0);
}

static long owner_thread(void *arg)
{
	struct rng *r = arg;
	if (ring_up(r, 4, (int)rnd_below(r, 3)))
		return 1;
	for (int i = 0; i < 40; i++) {
		struct rf_sqe *s = ring_get_sqe(&R);
		if (s)
			hostile_sqe(r, s, true);
	}
	ring_submit(&R);
	return 0;   /* the owner goes; its ring stays with the process */
}

static int teardown_child(struct rng *r, int how)
{
	for (int p = 0; p < NPIPES; p++)
		pipe(pfd[p]);
	static struct ring mine[4];
	int n = 1 + (int)rnd_below(r, 4), tids[4];
	setups_won = setups_busy = 0;
	if (how == 3) {
		long v;
		int t = thread_create(owner_thread, r);
		thread_join(t, &v);
		if (v == 1)
			return 0;
		settle(5);
		struct rf_sqe *s = ring_get_sqe(&R);
		if (s) {
			hostile_sqe(r, s, true);
			ring_submit(&R);
		}
		settle(5);
		return 0;
	}
	for (int i = 0; i < n; i++)
		tids[i] = thread_create(racing_setup, &mine[i]);
	for (int i = 0; i < n; i++) {
		long v;
		thread_join(tids[i], &v);
	}
	if (setups_won + setups_busy == n && setups_won != 1 && !(nharts() == 1 && setups_won == 0))
		FINDING("%d of %d racing ring_setup calls succeeded", setups_won, n);
	if (!setups_won)
		return fuzz_findings ? 1 : 0;
	for (int i = 0; i < n; i++)
		if (mine[i].kshared)
			R = mine[i];
	track_reset();
	if (chance(r, 50))
		thread_create(helper, (void *)(uintptr_t)rnd(r));
	if (how == 1)
		thread_create(exit_later, (void *)(uintptr_t)rnd_below(r, 20));
	for (int i = 0; i < 200; i++) {
		struct rf_sqe *s = ring_get_sqe(&R);
		if (s)
			hostile_sqe(r, s, true);
		if (chance(r, 20))
			ring_submit(&R);
		if (chance(r, 10))
			ring_kick();
	}
	ring_submit(&R);
	if (how == 2)
		*(volatile int *)(uintptr_t)ADDR_UNMAPPED = 1;
	return fuzz_findings ? 1 : 0;
}

int fz_ring_teardown(struct rng *r)
{
	for (int round = 0; round < 3; round++) {
		int how = (int)rnd_below(r, 4), st = -1;
		struct rng kr = { rnd(r) };
		int pid = fork();
		if (pid == 0)
			exit(teardown_child(&kr, how));
		if (pid < 0 || wait(pid, &st) != pid) {
			FINDING("fork/wait: %d", pid);
			return 1;
		}
		if (st != (how == 2 ? RF_STATUS_KILLED : 0) && !(how == 2 && st == 0))
			FINDING("teardown variant %d: exit status %d", how, st);
	}
	return 0;
}

/* ---- user-interrupt handlers the program cannot run ------------------- */

extern void ring_uintr_entry_syscall(void), ring_uintr_entry_interrupt(void);

static int bad_handler_child(uint64_t sys, uint64_t intr)
{
	int err = uintr_register((void (*)(void))sys, (void (*)(void))intr);
	if (err < 0)
		return 100 - err;
	if (ring_queue_init(8, &R, RF_NOTIFY_UINTR) != 0)
		return 2;
	for (int i = 0; i < 200; i++) {
		struct rf_sqe *s = ring_get_sqe(&R);
		if (s)
			ring_prep_nop(s, (uint64_t)i);
		ring_submit(&R);
		if (chance(&(struct rng){ (uint64_t)i }, 50))
			ring_enter(0, 1, RF_ENTER_GETEVENTS | RF_ENTER_SQ_WAKEUP);
		else
			for (volatile int k = 0; k < 20000; k++)
				;   /* in user mode: delivered after an interrupt */
		ring_cq_advance(&R, ring_cq_ready(&R));
	}
	return 3;   /* no handler ran */
}

int fz_uintr(struct rng *r)
{
	static const struct {
		uint64_t addr;
		int status;   /* -1: the data page */
	} cases[] = {
		{ ADDR_UNMAPPED, RF_STATUS_KILLED },
		{ ADDR_USER_TOP - 4, RF_STATUS_KILLED },
		{ ADDR_STACKS - 8 * PAGE - 64, RF_STATUS_KILLED },   /* a guard page */
		{ 0, -1 },
		{ ADDR_KERNEL, 100 + RF_EFAULT },
		{ ADDR_USER_TOP, 100 + RF_EFAULT },
		{ ~0UL - 2, 100 + RF_EFAULT },
		{ 0x10001, 100 + RF_EINVAL },
	};
	if (nharts() == 1) {
		static struct rf_stats s;
		stats(&s);
		if (strcmp(s.sqmode, "poller") == 0)
			return 0;   /* no rings */
	}
	for (int round = 0; round < 3; round++) {
		unsigned c = (unsigned)rnd_below(r, sizeof(cases) / sizeof(cases[0]));
		uint64_t addr = cases[c].status == -1 ? (uint64_t)(uintptr_t)arena : cases[c].addr;
		int want = cases[c].status == -1 ? RF_STATUS_KILLED : cases[c].status, st = -1;
		/* both entries bad, or one: then which one runs first decides */
		int which = (int)rnd_below(r, 3);
		uint64_t sys = which == 1 ? (uint64_t)(uintptr_t)ring_uintr_entry_syscall : addr;
		uint64_t intr = which == 2 ? (uint64_t)(uintptr_t)ring_uintr_entry_interrupt : addr;
		int pid = fork();
		if (pid == 0)
			exit(bad_handler_child(sys, intr));
		if (pid < 0 || wait(pid, &st) != pid) {
			FINDING("fork/wait: %d", pid);
			return 1;
		}
		bool ok = which == 0 ? st == want
			: want == RF_STATUS_KILLED ? st == RF_STATUS_KILLED || st == 3 : st == want;
		if (!ok)
			FINDING("handler 0x%lx (%s bad): exit status %d, expected %d", (unsigned long)addr,
				which == 0 ? "both" : which == 1 ? "interrupt entry" : "syscall entry", st, want);
	}
	return 0;
}
