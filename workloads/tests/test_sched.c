/*
 * test_sched.c - whole runs through wl_main() on the fake platform: every
 * workload verifies on the null and sync backends, corruption fails a run,
 * and scripted backends check the executor's contract (batching, BUSY,
 * EAGAIN, deadlock, missing capability).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "fake_platform.h"

/* ---- scripted backends ----------------------------------------------------- */

static struct {
	unsigned queue_calls, getevents_calls, busy_left;
	struct wl_io *parked[64];
	unsigned nparked;
} script;

/* Parks every request and completes the whole lot in getevents, like a
 * ring that is only looked at when every task waits. */
static enum wl_queue_status batch_queue(struct wl_engine *e, struct wl_io *io)
{
	(void)e;
	script.queue_calls++;
	if (script.busy_left > 0) {
		script.busy_left--;
		return WL_Q_BUSY;
	}
	if (script.nparked == 64)
		return WL_Q_BUSY;
	script.parked[script.nparked++] = io;
	return WL_Q_QUEUED;
}

static int batch_getevents(struct wl_engine *e, unsigned min)
{
	unsigned n = script.nparked;

	(void)e;
	(void)min;
	script.getevents_calls++;
	for (unsigned i = 0; i < n; i++) {
		script.parked[i]->result = 0;
		wl_io_done(script.parked[i]);
	}
	script.nparked = 0;
	return (int)n;
}

static const struct wl_backend batch_backend = {
	.name = "batch", .queue = batch_queue, .getevents = batch_getevents,
};

/* Answers -EAGAIN every other time: the core must retry. */
static enum wl_queue_status flaky_queue(struct wl_engine *e, struct wl_io *io)
{
	(void)e;
	io->result = script.queue_calls++ % 2 ? 0 : -WL_EAGAIN;
	return WL_Q_COMPLETED;
}

static const struct wl_backend flaky_backend = { .name = "flaky", .queue = flaky_queue };

/* Accepts everything and never completes anything. */
static enum wl_queue_status stuck_queue(struct wl_engine *e, struct wl_io *io)
{
	(void)e;
	(void)io;
	return WL_Q_QUEUED;
}

static int stuck_getevents(struct wl_engine *e, unsigned min)
{
	(void)e;
	(void)min;
	return 0;
}

static const struct wl_backend stuck_backend = {
	.name = "stuck", .queue = stuck_queue, .getevents = stuck_getevents,
};

static int absent_init(struct wl_engine *e)
{
	(void)e;
	return -WL_ENOSYS;
}

static const struct wl_backend absent_backend = {
	.name = "absent", .init = absent_init, .queue = flaky_queue,
};

static const struct wl_backend *const backends[] = {
	&wl_backend_sync, &wl_backend_null, &batch_backend, &flaky_backend,
	&stuck_backend, &absent_backend, NULL,
};

static int run(const char *line)
{
	static char buf[512];
	char *argv[32];
	int argc = 0;

	fake_reset();
	memset(&script, 0, sizeof(script));
	snprintf(buf, sizeof(buf), "%s", line);
	for (char *t = strtok(buf, " "); t && argc < 31; t = strtok(NULL, " "))
		argv[argc++] = t;
	argv[argc] = NULL;
	return wl_main(argc, argv, backends, "test");
}

static const char *verdict(void)
{
	static char v[16];

	return fake_run_value("verify", v, sizeof(v));
}

/* ---- tests ------------------------------------------------------------------ */

static void every_workload_verifies_on_null_and_sync(void **state)
{
	static const char *const workloads[] = { "null", "echo", "pingpong", "stream" };
	static const char *const bes[] = { "null", "sync" };
	static const unsigned concs[] = { 1, 3, 16 };
	char line[160];

	(void)state;
	for (int w = 0; w < 4; w++)
		for (int b = 0; b < 2; b++)
			for (int c = 0; c < 3; c++) {
				unsigned long long ops = 1001, size = w == 3 ? 100000 : 100;
				unsigned long long bytes = w == 0 ? 0 : w == 2 ? 2 * ops * size
								      : ops * size;

				snprintf(line, sizeof(line), "wl %s --backend %s --conc %u "
					 "--ops %llu --size %llu", workloads[w], bes[b],
					 concs[c], ops, size);
				/* steady state: each task's (pair's) first op
				 * is outside the region */
				if (run(line) != 0 || strcmp(verdict(), "ok") ||
				    fake_run_u64("ops") != ops ||
				    fake_run_u64("region_ops") != ops - concs[c] ||
				    fake_run_u64("bytes") != bytes)
					fail_msg("%s: %s%s", line, fake_out, fake_err);
			}
}

static void more_tasks_than_ops_still_verifies(void **state)
{
	(void)state;
	assert_int_equal(run("wl pingpong --backend null --conc 50 --ops 7"), 0);
	assert_int_equal(fake_run_u64("ops"), 7);
	assert_int_equal(fake_run_u64("region_ops"), 0);
	assert_string_equal(verdict(), "ok");
}

static void a_corrupted_byte_fails_the_run(void **state)
{
	char why[128];

	(void)state;
	wl_backend_null_corrupt(5000);
	assert_int_equal(run("wl echo --backend null --conc 4 --ops 1000 --size 64"), 1);
	wl_backend_null_corrupt(0);
	assert_string_equal(verdict(), "fail");
	fake_run_value("fail_reason", why, sizeof(why));
	assert_non_null(strstr(why, "wrong byte at stream offset"));
}

static void counters_bracket_the_region_and_add_keys(void **state)
{
	(void)state;
	assert_int_equal(run("wl null --backend null --ops 10"), 0);
	assert_int_equal(fake_counter_calls(), 1 | 2 | 4 | 8);
	assert_int_equal(fake_run_u64("fake_counter"), 42);
	assert_int_equal(fake_run_u64("conc"), 1);
}

static unsigned batches_before_region;

static void note_batches(void)
{
	batches_before_region = script.getevents_calls;
}

/* The region begins when every task has done its first op: of the 10
 * rounds of 8 tasks x 10 NOPs, the first is outside it. */
static void the_region_begins_after_every_first_op(void **state)
{
	(void)state;
	fake_on_begin = note_batches;
	batches_before_region = ~0u;
	assert_int_equal(run("wl null --backend batch --conc 8 --ops 80"), 0);
	fake_on_begin = NULL;
	assert_int_equal(batches_before_region, 1);
	assert_int_equal(fake_run_u64("region_ops"), 72);
}

/* The fake counter moves one a read, so a window is worth at least one:
 * every fill and check inside the region is counted, none for null. */
static void verification_is_counted_apart(void **state)
{
	(void)state;
	assert_int_equal(run("wl null --backend null --conc 4 --ops 100"), 0);
	assert_int_equal(fake_run_u64("verify_instret"), 0);
	assert_int_equal(run("wl echo --backend null --conc 4 --ops 100 --size 64"), 0);
	assert_true(fake_run_u64("verify_instret") >= 2 * 96);
	assert_true(fake_run_u64("verify_instret") != ~0ull);
}

/* Nothing reaches the backend's getevents until every task has queued:
 * 8 tasks x 10 NOPs make exactly 10 batches. */
static void requests_are_batched_until_all_tasks_wait(void **state)
{
	(void)state;
	assert_int_equal(run("wl null --backend batch --conc 8 --ops 80"), 0);
	assert_int_equal(script.getevents_calls, 10);
	assert_int_equal(fake_run_u64("io_queued"), 80);
}

static void busy_means_reap_and_retry(void **state)
{
	(void)state;
	fake_reset();
	memset(&script, 0, sizeof(script));
	script.busy_left = 5;
	{
		char *argv[] = { "wl", "null", "--backend", "batch", "--conc", "2",
				 "--ops", "20", NULL };

		assert_int_equal(wl_main(8, argv, backends, "test"), 0);
	}
	assert_int_equal(fake_run_u64("io_busy"), 5);
	assert_string_equal(verdict(), "ok");
}

static void eagain_is_retried_not_returned(void **state)
{
	(void)state;
	assert_int_equal(run("wl null --backend flaky --conc 1 --ops 50"), 0);
	assert_int_equal(fake_run_u64("io_retries"), 50);
	assert_int_equal(fake_run_u64("io_nops"), 50);
}

static void a_deadlock_fails_instead_of_hanging(void **state)
{
	char why[128];

	(void)state;
	assert_int_equal(run("wl echo --backend stuck --conc 2 --ops 4"), 1);
	assert_string_equal(verdict(), "fail");
	fake_run_value("fail_reason", why, sizeof(why));
	assert_non_null(strstr(why, "run aborted"));
}

static void bad_setups_are_refused(void **state)
{
	(void)state;
	assert_int_equal(run("wl echo --backend nosuch"), 2);
	assert_non_null(strstr(fake_err, "batch"));	/* lists what exists */
	assert_int_equal(run("wl echo --backend null --procs"), 2);
	assert_int_equal(run("wl echo --backend absent"), 3);
	assert_int_equal(run("wl echo --conc 0"), 2);
	/* a platform without processes: the run fails, it does not pretend */
	assert_int_equal(run("wl echo --backend sync --procs --ops 10"), 1);
	assert_string_equal(verdict(), "fail");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_workload_verifies_on_null_and_sync),
		cmocka_unit_test(more_tasks_than_ops_still_verifies),
		cmocka_unit_test(a_corrupted_byte_fails_the_run),
		cmocka_unit_test(counters_bracket_the_region_and_add_keys),
		cmocka_unit_test(requests_are_batched_until_all_tasks_wait),
		cmocka_unit_test(the_region_begins_after_every_first_op),
		cmocka_unit_test(verification_is_counted_apart),
		cmocka_unit_test(busy_means_reap_and_retry),
		cmocka_unit_test(eagain_is_retried_not_returned),
		cmocka_unit_test(a_deadlock_fails_instead_of_hanging),
		cmocka_unit_test(bad_setups_are_refused),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("sched", tests, NULL, NULL);
}
