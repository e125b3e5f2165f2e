/*
 * ring_setup against the process's other threads: a ring_enter while the
 * ring is still being built finds no ring (-EINVAL), never a half-built
 * one; of two setups at once one wins, the other gets -EBUSY.
 */
#include "refos.h"
#include "ring.h"
#include "ktest.h"
#include "tests.h"

static volatile int entering, entered;

static long enter_loop(void *p)
{
	(void)p;
	while (entering) {
		int r = ring_enter(1, 0, 0);
		if (r != -RF_EINVAL && r < 0)
			exit(3);
		entered++;
	}
	return 0;
}

static struct ring racer;
static volatile int racer_result = 1;

static long racing_setup(void *p)
{
	(void)p;
	racer_result = ring_queue_init(8, &racer, RF_NOTIFY_POLL);
	return 0;
}

/* One fresh process per round: ring_setup of the largest ring while
 * another thread calls ring_enter, and a second setup, all at once. */
static int setup_round(void)
{
	static struct ring R;
	entering = 1;
	int t = thread_create(enter_loop, 0), s = thread_create(racing_setup, 0);
	if (t < 0 || s < 0)
		return 2;
	while (!entered)
		yield();
	int mine = ring_queue_init(RF_RING_MAX_ENTRIES, &R, RF_NOTIFY_POLL);
	long v;
	thread_join(s, &v);
	entering = 0;
	thread_join(t, &v);
	if ((mine == 0) + (racer_result == 0) != 1)
		return 4;
	if ((mine == 0 ? racer_result : mine) != -RF_EBUSY)
		return 5;
	return 0;
}

int t_ring_setup_race(void)
{
	static struct rf_stats s;
	stats(&s);
	if (s.nharts == 1 && s.sqmode[0] == 'p')
		return 0;   /* poller mode on one hart: no rings */
	for (int round = 0; round < 24; round++) {
		int pid = fork(), st = -1;
		if (pid == 0)
			exit(setup_round());
		CHECK(pid > 0);
		CHECK_EQ(wait(pid, &st), pid);
		CHECK_EQ(st, 0);
	}
	return 0;
}
