/*
 * Memory given back while other threads (on other harts) still use it: the
 * heap above the arena grows and shrinks while threads pass pointers into
 * it to system calls and to ring reads completed by another process, or
 * store into it, or into the stack of a thread that has exited. Calls may
 * fail with -EFAULT and a storer may be killed; no store may land outside
 * the process: a checker thread keeps the kernel reusing freed pages (for
 * pipes) and checks every byte that comes back.
 */
#include <string.h>
#include "fuzz.h"
#include "ring.h"

#define MOVING_PAGES 16
#define PATTERN 0x5a5a5a5a5a5a5a5aUL

static volatile int mem_stop;
static volatile long mem_work;

/* Pages freed by the shrinker go to the next allocation: pipe buffers here.
 * A byte that changes in a pipe is a store from outside. */
static long pipe_checker(void *arg)
{
	(void)arg;
	static uint8_t out[2048], in[2048];
	for (unsigned i = 0; i < sizeof(out); i++)
		out[i] = (uint8_t)(i * 7 + 1);
	while (!mem_stop) {
		int fds[2];
		if (pipe(fds) != 0) {
			yield();
			continue;
		}
		write(fds[1], out, sizeof(out));
		for (volatile int k = 0; k < 300; k++)
			;
		long n = read(fds[0], in, sizeof(in));
		close(fds[0]);
		close(fds[1]);
		if (n != (long)sizeof(in) || memcmp(in, out, sizeof(in)) != 0)
			exit(3);   /* the driver of this test reports it */
		yield();
	}
	return 0;
}

static long call_user(void *arg)
{
	struct rng r = { (uint64_t)(uintptr_t)arg };
	int fds[2];
	if (pipe(fds) != 0)
		return 1;
	while (!mem_stop) {
		uint64_t p = (uint64_t)(uintptr_t)arena_end + rnd_below(&r, MOVING_PAGES * PAGE);
		uint64_t n = 1 + rnd_below(&r, 2 * PAGE);
		switch (rnd_below(&r, 3)) {
		case 0: {   /* the kernel reads the moving pages */
			static char sink[PAGE];
			long w = write(fds[1], (void *)(uintptr_t)p, n > PAGE ? PAGE : n);
			if (w > 0)
				read(fds[0], sink, (unsigned long)w);
			break;
		}
		case 1: {   /* ... and writes them: all of it, or nothing on -EFAULT */
			static char src[PAGE];
			long w = write(fds[1], src, n > PAGE ? PAGE : n);
			if (w > 0 && read(fds[0], (void *)(uintptr_t)p, (unsigned long)w) != w)
				read(fds[0], src, (unsigned long)w);
			break;
		}
		default: stats((struct rf_stats *)(uintptr_t)p);
		}
		mem_work++;
		yield();
	}
	return 0;
}

static long storer(void *arg)
{
	volatile uint64_t *p = arg;
	struct rng r = { (uint64_t)(uintptr_t)arg };
	while (!mem_stop) {
		uint64_t i = rnd_below(&r, MOVING_PAGES * PAGE / 8);
		p[i] = PATTERN;
		if (++mem_work % 64 == 0)
			yield();
	}
	return 0;
}

static volatile uint64_t *exited_stack;

static long stack_owner(void *arg)
{
	(void)arg;
	uint64_t sp;
	asm volatile("mv %0, sp" : "=r"(sp));
	/* a stack address that outlives the thread on purpose: the storer's */
	exited_stack = (volatile uint64_t *)(uintptr_t)(sp - 1024);
	return 0;
}

static long stack_storer(void *arg)
{
	(void)arg;
	while (!exited_stack)
		yield();
	volatile uint64_t *p = exited_stack;
	for (long i = 0; i < 200000 && !mem_stop; i++)
		p[i % 64] = PATTERN;
	return 0;
}

/* Parked ring reads into the moving pages, finished by another process. */
static int ring_reads(struct rng *r, int rounds)
{
	static struct ring R;
	static bool have_ring;
	static uint64_t ud, done;   /* completions come in order, across calls */
	int fds[2];
	if (!have_ring && ring_queue_init(16, &R, RF_NOTIFY_POLL) != 0)
		return 0;   /* poller mode on one hart has no rings */
	have_ring = true;
	if (pipe(fds) != 0)
		return 0;
	int pid = fork();
	if (pid == 0) {
		static char buf[512];
		close(fds[0]);
		while (write(fds[1], buf, 1 + rnd_below(r, sizeof(buf))) > 0)
			;
		exit(0);
	}
	close(fds[1]);
	for (int i = 0; i < rounds; i++) {
		struct rf_sqe *s;
		while (ud - done < 8 && (s = ring_get_sqe(&R))) {
			uint64_t p = (uint64_t)(uintptr_t)arena_end + rnd_below(r, MOVING_PAGES * PAGE);
			ring_prep_read(s, fds[0], (void *)(uintptr_t)p, 1 + (uint32_t)rnd_below(r, PAGE), ++ud);
		}
		ring_submit(&R);
		ring_wait_step(&R);
		struct rf_cqe *c;
		/* a parked read finished by the writer may overtake one the server
		 * still holds in its batch: completions come in any order */
		while (ring_peek_cqe(&R, &c) == 0) {
			if (c->user_data == 0 || c->user_data > ud)
				FINDING("ring read completion %lu, only %lu submitted", (unsigned long)c->user_data,
					(unsigned long)ud);
			done++;
			ring_cq_advance(&R, 1);
		}
	}
	/* every read taken before its fd goes: a number reused by another
	 * thread's pipe would get them */
	for (uint64_t t0 = rdtime(); R.kshared->sq_head != R.sq_published && rdtime() - t0 < 1000000;)
		ring_enter(0, 0, RF_ENTER_SQ_WAKEUP);
	close(fds[0]);   /* the writer sees EPIPE and ends; the ring goes at exit */
	int st;
	wait(pid, &st);
	return 0;
}

static int mem_child(struct rng *r, int variant)
{
	mem_stop = 0;
	int tids[4], n = 0;
	tids[n++] = thread_create(pipe_checker, 0);
	if (variant == 0) {
		tids[n++] = thread_create(call_user, (void *)(uintptr_t)rnd(r));
		tids[n++] = thread_create(call_user, (void *)(uintptr_t)rnd(r));
	} else if (variant == 1) {
		tids[n++] = thread_create(storer, (void *)arena_end);
		tids[n++] = thread_create(call_user, (void *)(uintptr_t)rnd(r));
	} else if (variant == 2) {
		tids[n++] = thread_create(stack_storer, 0);
		tids[n++] = thread_create(stack_owner, 0);
	}
	int rounds = 100 + (int)rnd_below(r, 200);
	if (variant == 3) {
		int shrinker = thread_create(call_user, (void *)(uintptr_t)rnd(r));
		tids[n++] = shrinker;
	}
	for (int i = 0; i < rounds; i++) {
		long k = 1 + (long)rnd_below(r, MOVING_PAGES);
		if ((long)sbrk(k * (long)PAGE) < 0)
			continue;
		if (variant == 3 && i % 16 == 0)
			ring_reads(r, 4);
		for (int w = (int)rnd_below(r, 4); w > 0; w--)
			yield();
		/* -EBUSY: other harts may still hold the pages; they must let go */
		long res = (long)sbrk(-k * (long)PAGE);
		for (uint64_t t0 = rdtime(); res == -RF_EBUSY && rdtime() - t0 < 1000000;) {   /* 0.1 s */
			settle(1);
			res = (long)sbrk(-k * (long)PAGE);
		}
		if (res < 0)
			FINDING("sbrk(-%ld pages) failed: %ld", k, res);
	}
	mem_stop = 1;
	for (int i = 0; i < n; i++) {
		long v;
		if (tids[i] > 0)
			thread_join(tids[i], &v);
	}
	return 0;
}

int fz_mem(struct rng *r)
{
	for (int round = 0; round < 2; round++) {
		int variant = (int)rnd_below(r, 4), st = -1;
		struct rng kr = { rnd(r) };
		int pid = fork();
		if (pid == 0)
			exit(mem_child(&kr, variant));
		if (pid < 0 || wait(pid, &st) != pid) {
			FINDING("fork/wait: %d", pid);
			return 1;
		}
		bool may_die = variant == 1 || variant == 2;
		if (st == 3)
			FINDING("variant %d: a pipe's bytes changed under a freed page's stores", variant);
		else if (!(st == 0 || (may_die && st == RF_STATUS_KILLED)))
			FINDING("variant %d: exit status %d", variant, st);
	}
	return 0;
}
