/*
 * The kernel's safety promises, each checked where it once broke: memory
 * given back while another hart still uses it, two joiners of one thread,
 * a failed sbrk that kept pages.
 */
#include <string.h>
#include "refos.h"
#include "ktest.h"
#include "tests.h"

#define PAGE 4096L
#define PATTERN 0x5a5a5a5a5a5a5a5aUL

static uint64_t free_pages(void)
{
	static struct rf_stats s;
	stats(&s);
	return s.free_pages;
}

static int helper_status(const char *what)
{
	char *argv[] = { "ktest", "--helper", (char *)what, 0 };
	int status = -1, pid = spawn("ktest", argv);
	if (pid < 0 || wait(pid, &status) != pid)
		return -1000;
	return status;
}

/* ENOMEM from sbrk leaves the process as it was: no page kept, not even a
 * page-table page. */
int t_sbrk_enomem_rollback(void)
{
	char *brk0 = sbrk(0);
	uint64_t before = free_pages();
	long incr[] = { (long)(before + 64) * PAGE, 64L << 30 };   /* more than RAM; 64 GiB */
	for (unsigned i = 0; i < sizeof(incr) / sizeof(incr[0]); i++) {
		CHECK_EQ((long)sbrk(incr[i]), -RF_ENOMEM);
		CHECK(sbrk(0) == brk0);
		CHECK_EQ(free_pages(), before);
	}
	return 0;
}

static volatile int join_go;

static long slow_target(void *p)
{
	(void)p;
	while (!join_go)
		yield();
	for (int i = 0; i < 20; i++)
		yield();
	return 77;
}

struct join_try {
	int tid, r;
	long v;
};

static long joiner(void *p)
{
	struct join_try *j = p;
	j->r = thread_join(j->tid, &j->v);
	return 0;
}

static long plus_one(void *p) { return (long)p + 1; }

/* Two threads join one: one gets its value, the other an error, and the
 * threads created afterwards join as usual. */
int t_thread_join_twice(void)
{
	for (int round = 0; round < 8; round++) {
		join_go = 0;
		int t = thread_create(slow_target, 0);
		CHECK(t > 0);
		struct join_try a = { t, 1, 0 }, b = { t, 1, 0 };
		int ja = thread_create(joiner, &a);
		CHECK(ja > 0);
		for (int i = 0; i < 20; i++)
			yield();   /* a is asleep in thread_join */
		join_go = 1;
		b.r = thread_join(t, &b.v);
		long v;
		CHECK_EQ(thread_join(ja, &v), 0);
		CHECK_EQ((a.r == 0) + (b.r == 0), 1);
		struct join_try *won = a.r == 0 ? &a : &b, *lost = a.r == 0 ? &b : &a;
		CHECK_EQ(won->v, 77);
		CHECK_EQ(lost->r, -RF_EINVAL);
		int n = thread_create(plus_one, (void *)(long)round);
		CHECK(n > 0);
		CHECK_EQ(thread_join(n, &v), 0);
		CHECK_EQ(v, round + 1);
	}
	return 0;
}

/*
 * A thread stores into memory that another thread gives back, maybe from
 * another hart whose TLB still maps it. No store may land outside the
 * process: the kernel reuses freed pages at once (pipes below), and status
 * 3 says a pipe lost its bytes. The storer may go on storing into the page
 * the kernel keeps for it (status 0) or fault (killed).
 */
int t_unmap_heap_under_store(void)
{
	int st = helper_status("store_after_sbrk");
	CHECK(st == 0 || st == RF_STATUS_KILLED);
	return 0;
}

int t_unmap_stack_under_store(void)
{
	int st = helper_status("store_after_thread_exit");
	CHECK(st == 0 || st == RF_STATUS_KILLED);
	return 0;
}

static volatile uint64_t stores;
static volatile uint64_t *volatile store_at;

static long store_loop(void *p)
{
	(void)p;
	while (!store_at)
		;
	for (;;) {
		*store_at = PATTERN;
		__atomic_add_fetch(&stores, 1, __ATOMIC_RELEASE);
	}
	return 0;
}

/* Waits for stores to move on; on one hart the storer needs our turn. */
static void wait_stores(uint64_t n)
{
	int one_hart = nharts() == 1;
	while (__atomic_load_n(&stores, __ATOMIC_ACQUIRE) < n)
		if (one_hart)
			yield();
}

/* After the unmap: pipes take freed pages at once; their bytes must come
 * back as written while the storer goes on (on one hart it faults). */
static int no_store_escapes(void)
{
	static char out[RF_PIPE_BUF], in[RF_PIPE_BUF];
	for (int round = 0; round < 16; round++) {
		int fds[2];
		if (pipe(fds) < 0)
			return 2;
		memset(out, 'a' + round, sizeof(out));
		if (write(fds[1], out, sizeof(out)) != sizeof(out))
			return 2;
		wait_stores(__atomic_load_n(&stores, __ATOMIC_ACQUIRE) + 1000);
		if (read(fds[0], in, sizeof(in)) != sizeof(in))
			return 2;
		if (memcmp(in, out, sizeof(in)) != 0)
			return 3;
		close(fds[0]);
		close(fds[1]);
	}
	return 0;
}

static int store_after_sbrk(void)
{
	uint64_t *page = sbrk(PAGE);
	if ((long)page < 0 || thread_create(store_loop, 0) < 0)
		return 2;
	store_at = page;
	wait_stores(10000);
	if ((long)sbrk(-PAGE) < 0)
		return 2;
	return no_store_escapes();
}

static long victim(void *p)
{
	(void)p;
	volatile uint64_t buf[64];
	buf[0] = 0;
	store_at = &buf[32];
	wait_stores(10000);
	return 0;
}

static long victim_joiner(void *p)
{
	long v;
	if (thread_join((int)(long)p, &v) != 0)
		exit(2);
	exit(no_store_escapes());
}

static int store_after_thread_exit(void)
{
	int t = thread_create(victim, 0);
	if (t < 0 || thread_create(victim_joiner, (void *)(long)t) < 0)
		return 2;
	store_loop(0);
	return 2;
}

int safety_helper(const char *what)
{
	if (strcmp(what, "store_after_sbrk") == 0)
		return store_after_sbrk();
	if (strcmp(what, "store_after_thread_exit") == 0)
		return store_after_thread_exit();
	return -1;
}
