/*
 * test_args.c - the workload command line: defaults, both option forms,
 * and an error that names the argument for every kind of bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "wl.h"

static int parse(struct wl_config *cfg, char *err, const char *line)
{
	static char buf[512];
	char *argv[32];
	int argc = 0;

	strcpy(buf, line);
	for (char *tok = strtok(buf, " "); tok && argc < 31; tok = strtok(NULL, " "))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return wl_parse_args(argc, argv, cfg, err, 160);
}

static void defaults_when_only_the_workload_is_given(void **state)
{
	struct wl_config c;
	char err[160];

	(void)state;
	assert_int_equal(parse(&c, err, "wl echo"), 0);
	assert_int_equal(c.workload, WL_ECHO);
	assert_string_equal(c.workload_name, "echo");
	assert_string_equal(c.backend, "sync");
	assert_int_equal(c.conc, 1);
	assert_int_equal(c.ops, 10000);
	assert_int_equal(c.size, 64);
	assert_string_equal(c.notify, "");
	assert_false(c.procs);
}

static void every_option_in_both_forms(void **state)
{
	struct wl_config c;
	char err[160];

	(void)state;
	assert_int_equal(parse(&c, err, "wl pingpong --backend uring --conc 64 "
			       "--ops 123456 --size 512 --notify poll --procs"), 0);
	assert_int_equal(c.workload, WL_PINGPONG);
	assert_string_equal(c.backend, "uring");
	assert_int_equal(c.conc, 64);
	assert_int_equal(c.ops, 123456);
	assert_int_equal(c.size, 512);
	assert_string_equal(c.notify, "poll");
	assert_true(c.procs);

	assert_int_equal(parse(&c, err, "wl stream --backend=async --conc=7 "
			       "--ops=99 --size=1048576 --notify=uintr"), 0);
	assert_int_equal(c.workload, WL_STREAM);
	assert_string_equal(c.backend, "async");
	assert_int_equal(c.conc, 7);
	assert_int_equal(c.ops, 99);
	assert_int_equal(c.size, 1048576);
	assert_string_equal(c.notify, "uintr");
}

/* --notify omitted means the backend's default mode (wl_args.h), the same
 * rule in the guest, on the host and in the harness. */
static void notify_defaults_to_the_backends_mode(void **state)
{
	static const char *const cases[][2] = {
		{ "wl echo --backend uring", "wait" },
		{ "wl echo --backend uring-sqpoll", "poll" },
		{ "wl echo --backend async", "poll" },
		{ "wl echo --backend async --notify=", "poll" },
		{ "wl echo --backend uring-sqpoll --notify wait", "wait" },
		{ "wl echo --backend sync", "" },
	};
	struct wl_config c;
	char err[160];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(parse(&c, err, cases[i][0]), 0);
		if (strcmp(c.notify, cases[i][1]))
			fail_msg("'%s': notify '%s', want '%s'", cases[i][0], c.notify, cases[i][1]);
	}
}

/* Every default the table gives is what a bare command line gets. */
static void defaults_come_from_the_table(void **state)
{
	struct wl_config c;
	char err[160], want[32];

	(void)state;
	assert_int_equal(parse(&c, err, "wl echo"), 0);
	assert_string_equal(c.backend, wl_arg_spec(WL_ARG_BACKEND)->def);
	snprintf(want, sizeof(want), "%u", c.conc);
	assert_string_equal(want, wl_arg_spec(WL_ARG_CONC)->def);
	snprintf(want, sizeof(want), "%llu", (unsigned long long)c.ops);
	assert_string_equal(want, wl_arg_spec(WL_ARG_OPS)->def);
	snprintf(want, sizeof(want), "%zu", c.size);
	assert_string_equal(want, wl_arg_spec(WL_ARG_SIZE)->def);
}

static void help_is_not_an_error(void **state)
{
	struct wl_config c;
	char err[160];

	(void)state;
	assert_int_equal(parse(&c, err, "wl --help"), WL_ARGS_HELP);
	assert_int_equal(parse(&c, err, "wl null --conc 2 -h"), WL_ARGS_HELP);
}

/* Each bad line fails, and the message names what was wrong. */
static void errors_name_the_argument(void **state)
{
	static const struct {
		const char *line, *names;
	} cases[] = {
		{ "wl", "workload" },
		{ "wl ping", "ping" },
		{ "wl echo --conc", "--conc" },
		{ "wl echo --conc x", "--conc" },
		{ "wl echo --conc -1", "--conc" },
		{ "wl echo --conc 0", "--conc" },
		{ "wl echo --conc 4097", "--conc" },
		{ "wl echo --conc 12abc", "12abc" },
		{ "wl echo --ops 0", "--ops" },
		{ "wl echo --ops ''", "--ops" },
		{ "wl echo --size 0", "--size" },
		{ "wl echo --size 4097", "--size" },
		{ "wl pingpong --size 8192", "--size" },
		{ "wl stream --size 1048577", "--size" },
		{ "wl echo --backend=", "--backend" },
		{ "wl echo --frobnicate 3", "--frobnicate" },
		{ "wl echo stray", "stray" },
		{ "wl echo --procs=1", "--procs" },
		{ "wl echo --backend uring --notify uintr", "--notify" },
		{ "wl echo --backend sync --notify poll", "--notify" },
		{ "wl echo --backend async --notify signal", "--notify" },
	};
	struct wl_config c;
	char err[160];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int r = parse(&c, err, cases[i].line);

		if (r != -1 || !strstr(err, cases[i].names))
			fail_msg("'%s': returned %d, message '%s' should name '%s'",
				 cases[i].line, r, err, cases[i].names);
	}
}

static void stream_accepts_chunks_larger_than_a_pipe(void **state)
{
	struct wl_config c;
	char err[160];

	(void)state;
	assert_int_equal(parse(&c, err, "wl stream --size 262144"), 0);
	assert_int_equal(c.size, 262144);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_when_only_the_workload_is_given),
		cmocka_unit_test(every_option_in_both_forms),
		cmocka_unit_test(notify_defaults_to_the_backends_mode),
		cmocka_unit_test(defaults_come_from_the_table),
		cmocka_unit_test(help_is_not_an_error),
		cmocka_unit_test(errors_name_the_argument),
		cmocka_unit_test(stream_accepts_chunks_larger_than_a_pipe),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("args", tests, NULL, NULL);
}
