/*
 * The storm: threads making random system calls with hostile arguments.
 * Every call must return; a pointer no access may use must get -EFAULT;
 * a number or fd that names nothing gets its documented error. The storm
 * never makes a call that could block forever on its own (a read of a pipe
 * it knows to be empty, a write into one it knows to be full).
 */
#include <string.h>
#include "fuzz.h"

#define STORM_THREADS 4
#define STORM_PIPES 8
#define SYS_LAST SYS_fork

struct storm_pipe {
	int rfd, wfd;   /* -1: closed */
	long bytes;     /* in the pipe; -1 unknown (a call failed half-way) */
};

struct storm {
	struct rng r;
	int idx;
	long calls;
	struct storm_pipe pipes[STORM_PIPES];
};

static struct storm storms[STORM_THREADS];
static long storm_budget;

/* An fd that names nothing in this process, in any of its spellings. */
static long bad_fd(struct rng *r)
{
	static const long fds[] = { -1, -2, RF_NOFILE, RF_NOFILE + 1, 1000, 0x7fffffff,
				    (long)0x80000000u, 0x100000000L + 1500, -0x100000000L + 1999 };
	return fds[rnd_below(r, sizeof(fds) / sizeof(fds[0]))];
}

#define EXPECT(cond, call, res)                                                    \
	do {                                                                       \
		if (!(cond))                                                       \
			FINDING("%s returned %ld (%s)", call, (long)(res), #cond); \
	} while (0)

static struct storm_pipe *pick_pipe(struct storm *s, bool open)
{
	struct storm_pipe *p = &s->pipes[rnd_below(&s->r, STORM_PIPES)];
	return (p->rfd >= 0 || p->wfd >= 0) == open ? p : 0;
}

/* Outside the user half (or wrapping): refused before anything is looked up. */
static bool out_of_range(uint64_t p, uint64_t n) { return p >= ADDR_USER_TOP || p + n > ADDR_USER_TOP || p + n < p; }

static long sc(struct storm *s, long n, long a0, long a1, long a2, long a3, long a4, long a5)
{
	s->calls++;
	return raw_syscall(n, a0, a1, a2, a3, a4, a5);
}

static void storm_pipe_io(struct storm *s)
{
	struct rng *r = &s->r;
	struct storm_pipe *p = pick_pipe(s, true);
	bool bad;
	uint64_t ptr = rnd_ptr(r, &bad), len = rnd_len(r);
	if (!p)
		return;
	if (chance(r, 50) && p->wfd >= 0 && p->bytes >= 0) {
		long space = 4 * (long)PAGE - p->bytes;   /* the pipe's size */
		if (len > (uint64_t)space)   /* a write that could block on its own, never */
			len = (uint64_t)space;
		long res = sc(s, SYS_write, p->wfd, (long)ptr, (long)len, 0, 0, 0);
		if (bad && len > 0)
			EXPECT(res == -RF_EFAULT || (p->rfd < 0 && res == -RF_EPIPE), "write(bad pointer)", res);
		if (res >= 0 && (uint64_t)res <= len && !(len > 0 && res == 0))
			p->bytes += res;
		else if (res != -RF_EFAULT || !bad)
			p->bytes = -1;
		if (p->rfd < 0 && res != -RF_EPIPE && len > 0 && !bad)
			EXPECT(res < 0 || (uint64_t)res <= len, "write(no reader)", res);
	} else if (p->rfd >= 0 && (p->bytes > 0 || p->wfd < 0)) {
		long res = sc(s, SYS_read, p->rfd, (long)ptr, (long)len, 0, 0, 0);
		if (bad && len > 0 && p->bytes > 0)
			EXPECT(res == -RF_EFAULT, "read(bad pointer)", res);
		if (res > 0 && res <= p->bytes)
			p->bytes -= res;
		else if (!(res == -RF_EFAULT && bad) && !(res == 0 && (len == 0 || p->bytes == 0)))
			p->bytes = -1;
	} else if (p->rfd >= 0 && chance(r, 30)) {
		long res = sc(s, SYS_write, p->rfd, (long)ptr, (long)len, 0, 0, 0);
		EXPECT(res == -RF_EBADF, "write(read end)", res);
	} else if (p->wfd >= 0 && chance(r, 30)) {
		long res = sc(s, SYS_read, p->wfd, (long)ptr, (long)len, 0, 0, 0);
		EXPECT(res == -RF_EBADF, "read(write end)", res);
	} else {
		int *end = chance(r, 50) ? &p->rfd : &p->wfd;
		if (*end >= 0) {
			long res = sc(s, SYS_close, *end, 0, 0, 0, 0, 0);
			EXPECT(res == 0, "close(own fd)", res);
			*end = -1;
		}
	}
}

static void storm_pipe_new(struct storm *s)
{
	struct rng *r = &s->r;
	bool bad;
	uint64_t ptr = rnd_ptr(r, &bad);
	struct storm_pipe *p = pick_pipe(s, false);
	if (bad || !p) {
		long res = sc(s, SYS_pipe, (long)(bad ? ptr : 0), 0, 0, 0, 0, 0);
		EXPECT(res == -RF_EFAULT, "pipe(bad pointer)", res);
		return;
	}
	/* on this thread's stack: other threads' random pointers cover the
	 * whole arena, and a read there could change the numbers under us */
	int fds[2];
	long res = sc(s, SYS_pipe, (long)fds, 0, 0, 0, 0, 0);
	if (res == 0) {
		p->rfd = fds[0];
		p->wfd = fds[1];
		p->bytes = 0;
		EXPECT(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1], "pipe", fds[0]);
	} else {
		EXPECT(res == -RF_EMFILE || res == -RF_ENFILE || res == -RF_ENOMEM, "pipe", res);
	}
}

/* Calls with no side effect the storm must track. */
static void storm_plain(struct storm *s)
{
	struct rng *r = &s->r;
	bool bad;
	uint64_t ptr = rnd_ptr(r, &bad), len = rnd_len(r);
	long res;
	switch (rnd_below(r, 14)) {
	case 0: {
		static const long nrs[] = { 0, SYS_LAST + 1, SYS_LAST + 2, 64, 255, 256, 1000, -1,
					    0x100000000L + SYS_getpid, 0x7fffffffffffffffL };
		long n = nrs[rnd_below(r, sizeof(nrs) / sizeof(nrs[0]))];
		res = sc(s, n, (long)rnd(r), (long)rnd(r), (long)rnd(r), 0, 0, 0);
		EXPECT(res == -RF_ENOSYS, "unknown syscall", res);
		break;
	}
	case 1:
		res = sc(s, SYS_stats, (long)ptr, 0, 0, 0, 0, 0);
		if (bad)
			EXPECT(res == -RF_EFAULT, "stats(bad pointer)", res);
		break;
	case 2:
		if (bad || len == 0) {
			res = sc(s, SYS_console_write, (long)ptr, (long)len, 0, 0, 0, 0);
			if (len)
				EXPECT(res == -RF_EFAULT, "console_write(bad pointer)", res);
		}
		break;
	case 3:
		res = sc(s, SYS_read, bad_fd(r), (long)ptr, (long)len, 0, 0, 0);
		EXPECT(res == -RF_EBADF, "read(bad fd)", res);
		break;
	case 4:
		res = sc(s, SYS_write, bad_fd(r), (long)ptr, (long)len, 0, 0, 0);
		EXPECT(res == -RF_EBADF, "write(bad fd)", res);
		break;
	case 5:
		res = sc(s, SYS_close, bad_fd(r), 0, 0, 0, 0, 0);
		EXPECT(res == -RF_EBADF, "close(bad fd)", res);
		break;
	case 6: {
		long tid = chance(r, 30) ? gettid() : gettid() + 100000 + (long)rnd_below(r, 1 << 20);
		if (chance(r, 20))
			tid = -(long)rnd_below(r, 5);
		res = sc(s, SYS_thread_join, tid, (long)(bad ? ptr : 0), 0, 0, 0, 0);
		/* the value pointer is range-checked first, written only on success */
		if (bad && out_of_range(ptr, sizeof(long)))
			EXPECT(res == -RF_EFAULT, "thread_join(bad pointer)", res);
		else
			EXPECT(res == -RF_ESRCH || res == -RF_EINVAL, "thread_join(no such thread)", res);
		break;
	}
	case 7: {
		long pid = chance(r, 50) ? getpid() + 5000 + (long)rnd_below(r, 1000) : -(long)rnd_below(r, 4) - 2;
		res = sc(s, SYS_wait, pid, (long)(bad ? ptr : 0), 0, 0, 0, 0);
		if (bad && out_of_range(ptr, sizeof(int)))
			EXPECT(res == -RF_EFAULT, "wait(bad pointer)", res);
		else
			EXPECT(res == -RF_ECHILD, "wait(no such child)", res);
		break;
	}
	case 8: {
		uint64_t h = chance(r, 50) ? ptr : ptr | 1;
		res = sc(s, SYS_uintr_register, (long)h, (long)h, 0, 0, 0, 0);
		if (h == 0 || out_of_range(h, 4))
			EXPECT(res == -RF_EFAULT, "uintr_register(bad handler)", res);
		else if (h & 1)
			EXPECT(res == -RF_EINVAL, "uintr_register(odd handler)", res);
		break;
	}
	case 9:
		res = sc(s, SYS_uintr_return, 0, 0, 0, 0, 0, 0);
		EXPECT(res == -RF_EINVAL, "uintr_return(no handler running)", res);
		break;
	case 10: {
		static const long entries[] = { 0, 3, 8, 4096, 8192, 0x80000000L, 0x100000008L };
		struct rf_ring_params *p = (struct rf_ring_params *)(arena + (unsigned)s->idx * PAGE + 512);
		memset(p, 0, sizeof(*p));
		/* the choice kept here: other threads may scribble on the arena */
		uint32_t notify = chance(r, 70) ? (uint32_t)rnd_below(r, 2) : 3 + (uint32_t)rnd_below(r, 1000);
		p->notify = notify;
		long e = entries[rnd_below(r, sizeof(entries) / sizeof(entries[0]))];
		uint64_t prm = bad ? ptr : (uint64_t)(uintptr_t)p;
		res = sc(s, SYS_ring_setup, e, (long)prm, 0, 0, 0, 0);
		if (bad)
			EXPECT(res == -RF_EFAULT, "ring_setup(bad params)", res);
		else if (notify > RF_NOTIFY_UINTR)   /* a ring another thread set up is said first */
			EXPECT(res == -RF_EINVAL || res == -RF_EBUSY, "ring_setup(bad notify)", res);
		else if (res == 0)
			EXPECT((uint32_t)e == 8 || (uint32_t)e == 4096, "ring_setup(bad entries)", res);
		break;
	}
	case 11: {
		uint32_t flags = (uint32_t)rnd(r) & (chance(r, 80) ? 3 : ~0u);
		uint32_t min = flags & RF_ENTER_GETEVENTS ? 0 : (uint32_t)rnd(r);
		res = sc(s, SYS_ring_enter, (long)rnd_below(r, 4), min, flags, 0, 0, 0);
		if (flags & ~3u)
			EXPECT(res == -RF_EINVAL, "ring_enter(bad flags)", res);
		break;
	}
	case 12: {
		res = sc(s, SYS_thread_spawn, (long)(ADDR_KERNEL + rnd_below(r, PAGE)), 0, 0, 0, 0, 0);
		EXPECT(res == -RF_EFAULT, "thread_spawn(kernel entry)", res);
		break;
	}
	default:
		res = sc(s, SYS_getpid, 0, 0, 0, 0, 0, 0);
		EXPECT(res == getpid(), "getpid", res);
		res = sc(s, SYS_nharts, 0, 0, 0, 0, 0, 0);
		EXPECT(res >= 1 && res <= RF_MAX_HARTS, "nharts", res);
		sc(s, SYS_yield, 0, 0, 0, 0, 0, 0);
	}
}

/* Processes: spawned or forked children that end with a known status. */
static void storm_children(struct storm *s)
{
	struct rng *r = &s->r;
	bool bad;
	uint64_t ptr = rnd_ptr(r, &bad);
	long res;
	int status = -1;
	switch (rnd_below(r, 5)) {
	case 0:
		res = sc(s, SYS_spawn, (long)(bad ? ptr : (uint64_t)(uintptr_t)"no-such-prog"), 0, 0, 0, 0, 0);
		EXPECT(res == (bad ? -RF_EFAULT : -RF_ENOENT), "spawn(bad name)", res);
		break;
	case 1: {
		char *argv[RF_MAX_ARGS + 3];
		int n = chance(r, 50) ? RF_MAX_ARGS + 1 : 2;
		for (int i = 0; i < n; i++)
			argv[i] = "fuzz";
		argv[n] = 0;
		if (n == 2)
			argv[1] = (char *)(uintptr_t)(bad && ptr ? ptr : ADDR_UNMAPPED);
		res = sc(s, SYS_spawn, (long)"fuzz", (long)argv, 0, 0, 0, 0);
		EXPECT(res == (n == 2 ? -RF_EFAULT : -RF_E2BIG), "spawn(bad argv)", res);
		break;
	}
	case 2:
	case 3: {
		int code = 3 + (int)rnd_below(r, 200);
		char num[8];
		snprintf(num, sizeof(num), "%d", code);
		char *argv[] = { "fuzz", "--exit", num, 0 };
		int pid = code & 1 ? spawn("fuzz", argv) : fork();
		s->calls++;
		if (pid == 0)
			exit(code);
		if (pid < 0) {
			EXPECT(pid == -RF_EAGAIN || pid == -RF_ENOMEM, "spawn/fork", pid);
			break;
		}
		res = sc(s, SYS_wait, pid, (long)&status, 0, 0, 0, 0);
		EXPECT(res == pid, "wait(child)", res);
		EXPECT(status == code, "child's exit status", status);
		break;
	}
	default:
		if (s->idx == 0) {   /* only one thread moves the break */
			/* the last two pass the range checks and fail only once RAM
			 * runs out: a rollback of every page taken (slow, so once) */
			static const long incr[] = { 1L << 40, -(1L << 40), 0x7fffffffffffffffL,
						     (long)0x8000000000000000UL, 1L << 30, 1L << 29 };
			static bool rolled_back;
			uint64_t before = (uint64_t)sbrk(0);
			unsigned k = (unsigned)rnd_below(r, rolled_back ? 4 : 6);
			long in = incr[k];
			rolled_back |= k >= 4;
			res = sc(s, SYS_sbrk, in, 0, 0, 0, 0, 0);
			EXPECT(res == -RF_ENOMEM || res == -RF_EINVAL, "sbrk(huge)", res);
			EXPECT((uint64_t)sbrk(0) == before, "sbrk(0) after a failed sbrk", (long)sbrk(0));
		}
	}
}

static long storm_thread(void *arg)
{
	struct storm *s = arg;
	while (s->calls < storm_budget) {
		uint64_t k = rnd_below(&s->r, 100);
		if (k < 30)
			storm_pipe_io(s);
		else if (k < 38)
			storm_pipe_new(s);
		else if (k < 40)
			storm_children(s);
		else
			storm_plain(s);
	}
	for (int i = 0; i < STORM_PIPES; i++) {
		if (s->pipes[i].rfd >= 0)
			close(s->pipes[i].rfd);
		if (s->pipes[i].wfd >= 0)
			close(s->pipes[i].wfd);
	}
	return 0;
}

int fz_storm(struct rng *r)
{
	int n = 1 + (int)rnd_below(r, STORM_THREADS);
	int tids[STORM_THREADS];
	storm_budget = 1500 + (long)rnd_below(r, 1500);
	for (int i = 0; i < n; i++) {
		storms[i].r.s = rnd(r);
		storms[i].idx = i;
		for (int k = 0; k < STORM_PIPES; k++)
			storms[i].pipes[k] = (struct storm_pipe){ -1, -1, 0 };
	}
	for (int i = 1; i < n; i++) {
		tids[i] = thread_create(storm_thread, &storms[i]);
		if (tids[i] < 0)
			FINDING("thread_create: %d", tids[i]);
	}
	storm_thread(&storms[0]);
	for (int i = 1; i < n; i++) {
		long v = -1;
		if (tids[i] > 0 && thread_join(tids[i], &v) != 0)
			FINDING("thread_join of storm thread %d failed", i);
	}
	return 0;
}
