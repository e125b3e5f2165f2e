/* The @run / @panic / @exit parser, with malformed and truncated lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "runline.h"

#define GOOD "\"target\":\"refos\",\"workload\":\"echo\",\"backend\":\"sync\",\"conc\":4," \
	     "\"size\":64,\"ops\":1000,\"bytes\":64000,\"verify\":\"ok\""

static void kinds(void **state)
{
	(void)state;
	assert_int_equal(line_kind("@run {}"), LINE_RUN);
	assert_int_equal(line_kind("@panic trap.c: bad"), LINE_PANIC);
	assert_int_equal(line_kind("@panic"), LINE_PANIC);
	assert_int_equal(line_kind("@exit 0"), LINE_EXIT);
	assert_int_equal(line_kind("@running"), LINE_TEXT); /* a word, not a prefix */
	assert_int_equal(line_kind("echo @run {}"), LINE_TEXT);
	assert_int_equal(line_kind(" @run {}"), LINE_TEXT);
	assert_int_equal(line_kind(""), LINE_TEXT);
}

static void good_line(void **state)
{
	(void)state;
	struct row r;
	char err[200];
	row_init(&r);
	int rc = runline_parse("@run {" GOOD ",\"instret\":4611686018427387904,\"ratio\":0.5,"
			       "\"sqmode\":\"\",\"flag\":true,\"off\":false,\"gone\":null}",
			       &r, err, sizeof(err));
	assert_int_equal(rc, 0);
	assert_string_equal(row_str(&r, "workload"), "echo");
	assert_string_equal(row_str(&r, "conc"), "4");
	/* 2^62: exact, not through a double */
	assert_string_equal(row_str(&r, "instret"), "4611686018427387904");
	assert_string_equal(row_str(&r, "ratio"), "0.5");
	assert_string_equal(row_str(&r, "sqmode"), "");
	assert_non_null(row_get(&r, "sqmode"));
	assert_string_equal(row_str(&r, "flag"), "1");
	assert_string_equal(row_str(&r, "off"), "0");
	assert_null(row_get(&r, "gone")); /* unreadable counter: absent */
	row_free(&r);
}

static void expect_error(const char *line, const char *needle)
{
	struct row r;
	char err[200] = "";
	row_init(&r);
	int rc = runline_parse(line, &r, err, sizeof(err));
	if (rc != -1 || !strstr(err, needle))
		fail_msg("line %s: rc %d, error '%s', wanted '%s'", line, rc, err, needle);
	row_free(&r);
}

static void malformed(void **state)
{
	(void)state;
	expect_error("@run", "malformed");
	expect_error("@run {", "malformed");
	expect_error("@run {\"workload\":\"ec", "malformed");              /* truncated */
	expect_error("@run {" GOOD, "malformed");                           /* no } */
	expect_error("@run {" GOOD "} trailing", "malformed");
	expect_error("@run [1,2]", "not an object");
	expect_error("@run {" GOOD ",\"conc\":5}", "malformed");           /* duplicate key */
	expect_error("@run {\"workload\":\"echo\"}", "lacks key");
	expect_error("@run {\"target\":\"refos\",\"workload\":\"echo\",\"backend\":\"sync\","
		     "\"conc\":\"4\",\"size\":64,\"ops\":1,\"bytes\":1,\"verify\":\"ok\"}",
		     "\"conc\" should be an integer");
	expect_error("@run {\"target\":\"refos\",\"workload\":\"echo\",\"backend\":\"sync\","
		     "\"conc\":-1,\"size\":64,\"ops\":1,\"bytes\":1,\"verify\":\"ok\"}", "negative");
	expect_error("@run {\"target\":\"refos\",\"workload\":\"echo\",\"backend\":\"sync\","
		     "\"conc\":1,\"size\":64,\"ops\":1,\"bytes\":1,\"verify\":\"maybe\"}", "verify");
	expect_error("@run {\"target\":\"mars\",\"workload\":\"echo\",\"backend\":\"sync\","
		     "\"conc\":1,\"size\":64,\"ops\":1,\"bytes\":1,\"verify\":\"ok\"}", "target");
	expect_error("@run {" GOOD ",\"Bad-Key\":1}", "snake_case");
	expect_error("@run {" GOOD ",\"nested\":{\"a\":1}}", "nested");
	expect_error("@panic x", "not an @run line");
}

static void exit_lines(void **state)
{
	(void)state;
	int st = -1;
	assert_int_equal(exitline_parse("@exit 0", &st), 0);
	assert_int_equal(st, 0);
	assert_int_equal(exitline_parse("@exit 3 ", &st), 0);
	assert_int_equal(st, 3);
	assert_int_equal(exitline_parse("@exit -1", &st), 0);
	assert_int_equal(st, -1);
	assert_int_equal(exitline_parse("@exit", &st), -1);
	assert_int_equal(exitline_parse("@exit x", &st), -1);
	assert_int_equal(exitline_parse("@exit 1x", &st), -1);
	assert_int_equal(exitline_parse("@exit 99999999999", &st), -1);
}

int main(void)
{
	cmocka_set_message_output(CM_OUTPUT_TAP);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds), cmocka_unit_test(good_line),
		cmocka_unit_test(malformed), cmocka_unit_test(exit_lines),
	};
	return cmocka_run_group_tests_name("harness runline", tests, NULL, NULL);
}
