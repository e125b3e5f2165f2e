/* Axis parsing (lists, doubling ranges, bad values) and matrix expansion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "axes.h"
#include "matrix.h"

static void int_lists(void **state)
{
	(void)state;
	struct ilist l = {0};
	char err[200];
	assert_int_equal(parse_int_list("1,2,4", 1, 1000, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[2], 4);
	assert_int_equal(parse_int_list("1..256", 1, 1000, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 9);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.v[i], 1L << i);
	assert_int_equal(parse_int_list("3..24,100", 1, 1000, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 5); /* 3 6 12 24 100 */
	assert_int_equal(l.v[3], 24);
	assert_int_equal(l.v[4], 100);
	assert_int_equal(parse_int_list("7", 1, 1000, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(parse_int_list("8..8", 1, 1000, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(parse_int_list("0", 0, 10, &l, err, sizeof(err)), 0);
	assert_int_equal(l.v[0], 0);
	free(l.v);
}

static void int_list_errors(void **state)
{
	(void)state;
	struct { const char *in, *needle; } cases[] = {
		{"", "empty list"},
		{"1,,2", "empty item"},
		{",1", "empty item"},
		{"1,", "empty item"},
		{"x", "'x' is not an integer"},
		{"1.5", "not an integer"},
		{"1..100", "not 1 times a power of two"},
		{"4..2", "bad range"},
		{"0..8", "bad range"},
		{"1..x", "bad range"},
		{"1..", "bad range"},
		{"0", "out of range"},
		{"1..2048", "out of range"},
		{"2,2", "appears twice"},
		{"1..4,2", "appears twice"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ilist l = {0};
		char err[200] = "";
		int rc = parse_int_list(cases[i].in, 1, 1024, &l, err, sizeof(err));
		if (rc != -1 || !strstr(err, cases[i].needle))
			fail_msg("'%s': rc %d, error '%s', wanted '%s'", cases[i].in, rc, err, cases[i].needle);
		assert_int_equal(l.n, 0); /* untouched on error */
	}
}

static void name_lists(void **state)
{
	(void)state;
	static const char *const modes[] = {"enter", "worker", "poller", NULL};
	struct strv v;
	char err[200];
	strv_init(&v);
	assert_int_equal(parse_name_list("enter,poller", modes, &v, err, sizeof(err)), 0);
	assert_int_equal(v.n, 2);
	assert_int_equal(parse_name_list("bogus", modes, &v, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'bogus' is not one of enter worker poller"));
	assert_int_equal(v.n, 2); /* untouched on error */
	assert_int_equal(parse_name_list("a,,b", NULL, &v, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "empty item"));
	assert_int_equal(parse_name_list("Echo", NULL, &v, err, sizeof(err)), -1);
	assert_int_equal(parse_name_list("echo,echo", NULL, &v, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "appears twice"));
	strv_free(&v);
}

static void axis_errors_name_the_axis(void **state)
{
	(void)state;
	struct { const char *key, *val, *needle; } cases[] = {
		{"conc", "0", "--conc: 0 is out of range"},
		{"conc", NULL, "--conc needs a value"},
		{"sqmode", "fast", "--sqmode: 'fast' is not one of"},
		{"notify", "signal", "--notify: 'signal' is not one of"},
		{"target", "mars", "--target: 'mars'"},
		{"harts", "65", "--harts: 65 is out of range"},
		{"reps", "0", "--reps: '0' is not a count"},
		{"timeout", "-1", "--timeout: '-1'"},
		{"timeout", "soon", "--timeout: 'soon'"},
		{"knob", "crash", "--knob: 'crash' is not KEY=VALUE"},
		{"knob", "a=b c", "--knob"},
		{"no-icount", "yes", "--no-icount takes no value"},
		{"colour", "red", "unknown setting 'colour'"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct axes a;
		char err[200] = "";
		axes_init(&a);
		int rc = axes_set(&a, cases[i].key, cases[i].val, err, sizeof(err));
		if (rc != -1 || !strstr(err, cases[i].needle))
			fail_msg("--%s %s: rc %d, error '%s', wanted '%s'", cases[i].key,
				 cases[i].val ? cases[i].val : "(none)", rc, err, cases[i].needle);
		axes_free(&a);
	}
}

static size_t expand(const char *const *kv, int sweep, int *clamped, struct pointv *pts)
{
	struct axes a;
	char err[200];
	axes_init(&a);
	for (; *kv; kv += 2)
		assert_int_equal(axes_set(&a, kv[0], kv[1], err, sizeof(err)), 0);
	axes_defaults(&a, sweep);
	memset(pts, 0, sizeof(*pts));
	size_t n = matrix_expand(&a, sweep, pts, clamped);
	axes_free(&a);
	return n;
}

static void matrix(void **state)
{
	(void)state;
	struct pointv pts;
	int clamped = 0;
	/* sync does not multiply by sqmode x notify: 1 + 3*3 configurations */
	const char *const kv[] = {"backend", "sync,async", "sqmode", "enter,worker,poller",
				  "notify", "poll,wait,uintr", "conc", "1..4", NULL};
	assert_int_equal(expand(kv, 1, &clamped, &pts), 10 * 3);
	assert_string_equal(pts.v[0].sqmode, "");
	assert_string_equal(pts.v[0].notify, "");
	assert_string_equal(pts.v[3].backend, "async");
	assert_string_equal(pts.v[3].sqmode, "enter");
	for (size_t i = 0; i < pts.n; i++)
		assert_int_equal(pts.v[i].idx, i);
	pointv_free(&pts);

	/* icount runs repeat exactly: reps cut to 1, unless forced */
	const char *const reps[] = {"reps", "5", NULL};
	assert_int_equal(expand(reps, 0, &clamped, &pts), 1);
	assert_int_equal(clamped, 1);
	pointv_free(&pts);
	const char *const forced[] = {"reps", "3", "force-reps", NULL, NULL};
	clamped = 0;
	assert_int_equal(expand(forced, 0, &clamped, &pts), 3);
	assert_int_equal(clamped, 0);
	pointv_free(&pts);
	const char *const wall[] = {"reps", "3", "no-icount", NULL, NULL};
	assert_int_equal(expand(wall, 0, &clamped, &pts), 3);
	assert_int_equal(pts.v[0].icount, 0);
	pointv_free(&pts);

	/* host: four backends by default, notify only for uring ones when set */
	const char *const host[] = {"target", "host", "notify", "wait", NULL};
	assert_int_equal(expand(host, 1, &clamped, &pts), 4 * 9);
	for (size_t i = 0; i < pts.n; i++) {
		int uring = !strncmp(pts.v[i].backend, "uring", 5);
		assert_string_equal(pts.v[i].notify, uring ? "wait" : "");
		assert_int_equal(pts.v[i].harts, 0);
	}
	pointv_free(&pts);
}

static void labels(void **state)
{
	(void)state;
	struct point p = {.idx = 7, .target = "refos", .workload = "echo", .backend = "async",
			  .sqmode = "poller", .notify = "uintr", .harts = 2, .hz = 1000,
			  .conc = 16, .size = 64, .rep = 0, .knobs = ""};
	char *cfg = point_config(&p), *id = point_id(&p);
	assert_string_equal(cfg, "async poller/uintr 2 harts hz=1000");
	assert_string_equal(id, "0007-refos-echo-async-poller-uintr-h2-hz1000-c16-s64-r0");
	free(cfg);
	free(id);
}

int main(void)
{
	cmocka_set_message_output(CM_OUTPUT_TAP);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(int_lists), cmocka_unit_test(int_list_errors),
		cmocka_unit_test(name_lists), cmocka_unit_test(axis_errors_name_the_axis),
		cmocka_unit_test(matrix), cmocka_unit_test(labels),
	};
	return cmocka_run_group_tests_name("harness args", tests, NULL, NULL);
}
