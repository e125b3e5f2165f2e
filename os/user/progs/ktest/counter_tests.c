/* The trap counters count what they say. */
#include "refos.h"
#include "ktest.h"
#include "tests.h"

static struct rf_stats a, b;

static uint64_t delta(unsigned idx) { return rf_counter_sum(&b, idx) - rf_counter_sum(&a, idx); }

static unsigned counter_index(const char *name)
{
	for (unsigned i = 0; i < RF_NCOUNTERS; i++)
		if (__builtin_strcmp(rf_counter_names[i], name) == 0)
			return i;
	return 0;
}

/* N getpid calls add exactly N U-mode ecalls (+1: the second stats call). */
int t_counters_getpid(void)
{
	enum { N = 1000 };
	stats(&a);
	for (int i = 0; i < N; i++)
		getpid();
	stats(&b);
	unsigned ec = counter_index("ecalls"), ut = counter_index("u_traps");
	unsigned tm = counter_index("timer_irqs");
	CHECK_EQ(delta(ec), N + 1);
	/* every U-mode trap is an ecall or a timer tick here */
	CHECK_EQ(delta(ut), delta(ec) + delta(tm));
	CHECK(b.instret > a.instret);
	return 0;
}

static int pp[2][2];

static long pong(void *p)
{
	char c;
	for (long i = 0; i < (long)p; i++)
		if (read(pp[0][0], &c, 1) != 1 || write(pp[1][1], &c, 1) != 1)
			return 1;
	return 0;
}

/*
 * A blocking round trip between two threads on one hart is two context
 * switches: ping blocks reading, pong runs; pong blocks reading, ping runs.
 */
int t_counters_pipe_roundtrip(void)
{
	enum { N = 200 };
	long v;
	char c = 'x';
	CHECK_EQ(pipe(pp[0]), 0);
	CHECK_EQ(pipe(pp[1]), 0);
	int tid = thread_create(pong, (void *)N);
	CHECK(tid > 0);
	CHECK_EQ(write(pp[0][1], &c, 1), 1);   /* a first trip to get pong waiting */
	CHECK_EQ(read(pp[1][0], &c, 1), 1);
	stats(&a);
	for (int i = 1; i < N; i++) {
		CHECK_EQ(write(pp[0][1], &c, 1), 1);
		CHECK_EQ(read(pp[1][0], &c, 1), 1);
	}
	stats(&b);
	CHECK_EQ(thread_join(tid, &v), 0);
	unsigned cs = counter_index("ctx_switches"), forced = counter_index("ctx_forced");
	unsigned ec = counter_index("ecalls");
	if (b.nharts == 1) {
		/* a timer tick may add a forced switch of its own */
		CHECK_EQ(delta(cs) - delta(forced), 2 * (N - 1));
		CHECK_EQ(delta(ec), 4 * (N - 1) + 1);
		/* threads share a page table: switching between them costs no satp write */
		CHECK_EQ(delta(counter_index("as_switches")), 0);
	}
	return 0;
}
