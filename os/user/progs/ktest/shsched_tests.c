/*
 * The shared scheduler (sched=shared) under hostile lanes: a process that
 * scribbles on the queue loses only its own tasks; it cannot write another
 * lane or the header, read or write the code page, or run its lane; the
 * kernel, which runs the same pick over every lane, never faults; and a
 * lane that claims work it never yields keeps nobody else from running
 * past the timer's fallback. With sched=classic there is nothing to join.
 */
#include <stdlib.h>
#include <string.h>
#include "refos.h"
#include "shsched.h"
#include "ktest.h"
#include "tests.h"

static struct rf_stats sa, sb;

static uint64_t counter(const struct rf_stats *s, const char *name)
{
	for (unsigned i = 0; i < RF_NCOUNTERS; i++)
		if (strcmp(rf_counter_names[i], name) == 0)
			return rf_counter_sum(s, i);
	return ~0ULL;
}

/* Classic: both calls refuse. Shared: the caller's lane, or -1. */
static int attach_or_classic(void)
{
	int lane = shared_attach();
	if (lane == -RF_ENOSYS && shared_yield() == -RF_ENOSYS)
		return -1;
	return lane;
}

static int helper(const char *what, const char *arg, int *pid)
{
	char *argv[] = { "ktest", "--helper", (char *)what, (char *)arg, 0 };
	*pid = spawn("ktest", argv);
	return *pid;
}

/* Starts helper `what`, which joins the shared scheduler and writes its
 * lane number to the pipe it is given: the lane, or -1. */
static int lane_helper(const char *what, int *pid)
{
	int fds[2];
	char fdarg[12];
	unsigned char lane;
	if (pipe(fds) != 0) {
		printf("# lane_helper %s: pipe failed\n", what);
		return -1;
	}
	snprintf(fdarg, sizeof(fdarg), "%d", fds[1]);
	int r = -1;
	if (helper(what, fdarg, pid) <= 0)
		printf("# lane_helper %s: spawn failed\n", what);
	else if (read(fds[0], &lane, 1) != 1)
		printf("# lane_helper %s: no lane number from it\n", what);
	else
		r = lane;
	close(fds[0]);
	close(fds[1]);
	return r;
}

static int helper_status(const char *what)
{
	int pid, status = -1;
	if (helper(what, 0, &pid) < 0 || wait(pid, &status) != pid)
		return -1000;
	return status;
}

/* Priority first, FIFO within a level; every wrong access kills only the
 * process that made it. */
int t_shs_queue_and_pages(void)
{
	int lane = attach_or_classic();
	if (lane == -1) {
		CHECK_EQ(shared_attach(), -RF_ENOSYS);
		return 0;
	}
	CHECK(lane >= 0 && lane < RF_SHS_LANES);
	CHECK_EQ(shared_attach(), -RF_EEXIST);
	CHECK_EQ(SHS_AREA->hdr.lane[lane].pid, getpid());
	CHECK_EQ(SHS_AREA->hdr.lane[lane].flags, RF_SHS_LANE_ACTIVE);
	uint64_t h;
	CHECK_EQ(shs_pop(lane, 0, &h), RF_SHS_POP_EMPTY);
	CHECK_EQ(shs_push(lane, 11, 1), 0);
	CHECK_EQ(shs_push(lane, 22, 0), 0);
	CHECK_EQ(shs_push(lane, 33, 1), 0);
	CHECK_EQ(shs_push(lane, 44, RF_SHS_PRIOS), -1);
	uint64_t want[] = { 22, 11, 33 };
	for (int i = 0; i < 3; i++) {
		CHECK_EQ(shs_pop(lane, 0, &h), RF_SHS_POP_TASK);
		CHECK_EQ(h, want[i]);
	}
	CHECK_EQ(shs_pop(lane, 0, &h), RF_SHS_POP_EMPTY);
	for (int i = 0; i < RF_SHS_SLOTS; i++)
		CHECK_EQ(shs_push(lane, i, 1), 0);
	CHECK_EQ(shs_push(lane, 0, 1), -1);   /* full */
	CHECK_EQ(shared_yield(), 0);          /* its own task is next: no switch */
	static const char *const wrong[] = {
		"shs_read_code", "shs_write_code", "shs_write_header",
		"shs_write_other_lane", "shs_run_lane",
	};
	for (unsigned i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		int st = helper_status(wrong[i]);
		if (st != RF_STATUS_KILLED) {
			printf("# helper %s: status %d\n", wrong[i], st);
			return 1;
		}
	}
	CHECK_EQ(SHS_AREA->hdr.lane[lane].flags, RF_SHS_LANE_ACTIVE);
	return 0;
}

/* The next task is another space's: the yield goes straight to its
 * executor (on one hart, where it must be waiting for the hart). When that
 * process is gone its lane is free and inactive. */
int t_shs_yield_switches(void)
{
	int lane = attach_or_classic();
	if (lane == -1)
		return 0;
	int pid, status;
	int other = lane_helper("shs_ready_yielder", &pid);
	CHECK(other >= 0 && other < RF_SHS_LANES && other != lane);
	uint64_t h;
	CHECK_EQ(shs_pop(lane, 0, &h), RF_SHS_POP_YIELD);
	stats(&sa);
	long r = shared_yield();
	stats(&sb);
	CHECK(r == 1 || nharts() > 1);
	if (r == 1) {
		CHECK(counter(&sb, "shs_direct") > counter(&sa, "shs_direct"));
		CHECK(counter(&sb, "as_switches") >= counter(&sa, "as_switches") + 2);
	}
	CHECK_EQ(wait(pid, &status), pid);
	CHECK_EQ(status, 0);
	CHECK_EQ(SHS_AREA->hdr.lane[other].flags, 0);
	CHECK_EQ(shs_pop(lane, 0, &h), RF_SHS_POP_EMPTY);   /* its claims left with it */
	CHECK_EQ(shared_yield(), 0);
	return 0;
}

/* A process scribbles over its whole lane while it pops and yields: the
 * kernel runs its pick over the junk and never faults, the scribbler is not
 * killed, and the other lane's tasks come out exactly as pushed. */
int t_shs_scribbled_lane(void)
{
	int lane = attach_or_classic();
	if (lane == -1)
		return 0;
	int pid, status;
	CHECK(helper("shs_scribbler", 0, &pid) > 0);
	uint64_t next = 1, got = 1;
	for (int round = 0; round < 400; round++) {
		for (int i = 0; i < 8; i++)
			CHECK_EQ(shs_push(lane, next++, (unsigned)i & 1), 0);
		uint64_t h;
		int r;
		int popped = 0;
		while ((r = shs_pop(lane, RF_SHS_OWN_ONLY, &h)) == RF_SHS_POP_TASK) {
			/* level 0 first, then level 1, each in order */
			uint64_t want = popped < 4 ? got + 2 * popped : got + 1 + 2 * (popped - 4);
			CHECK_EQ(h, want);
			popped++;
		}
		CHECK_EQ(r, RF_SHS_POP_EMPTY);
		CHECK_EQ(popped, 8);
		got += 8;
		CHECK(shared_yield() >= 0);
	}
	CHECK_EQ(wait(pid, &status), pid);
	CHECK_EQ(status, 0);
	return 0;
}

/* A lane claims ready tasks above ours and never yields: it gets the hart
 * once, the timer takes it back and demotes it, and our own tasks run while
 * it still spins. */
int t_shs_hog_timer_fallback(void)
{
	int lane = attach_or_classic();
	if (lane == -1)
		return 0;
	int pid, status;
	stats(&sa);
	int hog = lane_helper("shs_hog", &pid);
	CHECK(hog >= 0);
	for (uint64_t i = 0; i < 64; i++)
		CHECK_EQ(shs_push(lane, i, 1), 0);
	uint64_t done = 0, h;
	while (done < 64) {
		int r = shs_pop(lane, 0, &h);
		if (r == RF_SHS_POP_YIELD) {
			CHECK(shared_yield() >= 0);
			continue;
		}
		CHECK_EQ(r, RF_SHS_POP_TASK);
		CHECK_EQ(h, done);
		done++;
	}
	stats(&sb);
	/* the hog is still spinning, demoted; on two harts its 50 ms may be
	 * over by now (it spun on the other hart while ours ran), and its lane
	 * is then empty: the timeouts counted below still show the demotion */
	uint32_t hog_flags = SHS_AREA->hdr.lane[hog].flags;
	CHECK(hog_flags == (RF_SHS_LANE_ACTIVE | RF_SHS_LANE_DEMOTED) || hog_flags == 0);
	CHECK(counter(&sb, "shs_timeouts") > counter(&sa, "shs_timeouts"));
	CHECK_EQ(wait(pid, &status), pid);
	CHECK_EQ(status, 0);
	return 0;
}

/* ---- the other processes of those tests ---- */

static int attached_or_exit(void)
{
	int lane = shared_attach();
	if (lane < 0)
		exit(90);
	return lane;
}

static int tell(const char *fd, int lane)
{
	char c = (char)lane;
	return write(atoi(fd), &c, 1) == 1 ? 0 : 91;
}

static uint64_t rnd(uint64_t *x)
{
	*x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
	return *x >> 11;
}

int shs_helper(const char *what, const char *arg)
{
	if (strncmp(what, "shs_", 4) != 0)
		return -1;
	int lane = attached_or_exit();
	if (strcmp(what, "shs_read_code") == 0)
		return *(volatile int *)RF_SHS_CODE;
	if (strcmp(what, "shs_write_code") == 0)
		*(volatile int *)RF_SHS_CODE = 0;
	if (strcmp(what, "shs_write_header") == 0)
		SHS_AREA->hdr.lane[lane].flags = 0;
	if (strcmp(what, "shs_write_other_lane") == 0)
		SHS_AREA->lane[(lane + 1) % RF_SHS_LANES].tail[0] = 5;
	if (strcmp(what, "shs_run_lane") == 0) {
		volatile uint32_t *code = (volatile uint32_t *)&SHS_AREA->lane[lane].slot[0][0];
		code[0] = 0x00008067;   /* ret */
		((void (*)(void))code)();
	}
	if (strcmp(what, "shs_ready_yielder") == 0 && arg) {
		if (shs_push(lane, 1, 0) < 0 || tell(arg, lane))
			return 92;
		for (int i = 0; i < 200; i++)
			yield();
		return 0;
	}
	if (strcmp(what, "shs_scribbler") == 0) {
		uint64_t x = 12345, h;
		volatile uint32_t *w = (volatile uint32_t *)&SHS_AREA->lane[lane];
		static const uint32_t edge[] = { 0, 1, RF_SHS_SLOTS, RF_SHS_SLOTS + 1, 0x7fffffff,
						 0x80000000, 0xffffffff };
		for (int i = 0; i < 20000; i++) {
			uint64_t v = rnd(&x);
			unsigned at = (unsigned)(v % 8) < 6 ? (unsigned)(v % 4)
				: (unsigned)(v % (sizeof(struct rf_shs_lane) / 4));
			w[at] = (v >> 40) % 3 ? edge[(v >> 20) % 7] : (uint32_t)rnd(&x);
			if (i % 16 == 0)
				shs_pop(lane, 0, &h);
			if (i % 64 == 0 && shared_yield() < 0)
				return 93;
		}
		return 0;
	}
	if (strcmp(what, "shs_hog") == 0 && arg) {
		for (int i = 0; i < RF_SHS_SLOTS; i++)
			shs_push(lane, (uint64_t)i, 0);
		if (tell(arg, lane))
			return 92;
		uint64_t end = rdtime() + 500000;   /* 50 ms at 10 MHz: five ticks at hz=100 */
		while (rdtime() < end)
			;
		return 0;
	}
	return 99;
}
