/* Gate rules: the parser's errors name the line, filters select the rows
 * they say, limits and growth are judged at their edges, and rules that
 * select nothing or points missing on either side fail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gaterules.h"

/* Writes text to a temporary rule file and loads it; returns the loader's
 * result, the error in err. */
static int load(const char *text, struct gate_rules *rs, char *err, size_t n)
{
	char path[] = "/tmp/test-gaterules-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_true(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	int rc = gate_rules_load(path, rs, err, n);
	unlink(path);
	return rc;
}

static void add_point(struct rowset *s, const char *backend, const char *conc,
		      const char *instr, const char *traps)
{
	struct row *r = rowset_add(s);
	row_set(r, "target", "refos");
	row_set(r, "workload", "echo");
	row_set(r, "backend", backend);
	row_set(r, "harts", "1");
	row_set(r, "hz", "100");
	row_set(r, "conc", conc);
	row_set(r, "size", "64");
	row_set(r, "ops", "1000");
	row_set(r, "status", "ok");
	row_set(r, "instr_per_op", instr);
	row_set(r, "traps_per_op", traps);
}

/* Violations of text's rules on rows against base, with what was printed. */
static size_t violations(const char *text, const struct rowset *rows,
			 const struct rowset *base, char *out, size_t n)
{
	struct gate_rules rs;
	char err[300];
	assert_int_equal(load(text, &rs, err, sizeof(err)), 0);
	FILE *f = fmemopen(out, n, "w");
	size_t bad = gate_check(&rs, rows, base, f);
	fclose(f);
	gate_rules_free(&rs);
	return bad;
}

static void parse_errors(void **state)
{
	(void)state;
	struct gate_rules rs;
	char err[300];
	static const struct {
		const char *text, *want;
	} bad[] = {
		{"\n# c\nfoo x >= 1\n", ":3: 'foo' is not a rule"},
		{"require x >\n", ":1: want: require"},
		{"require x => 1\n", "'=>' is not an operator"},
		{"require x >= many\n", "'many' is not a number"},
		{"require conc>=lots x >= 1\n", "'lots' is not a number"},
		{"require =a x >= 1\n", "'=a' is not a filter"},
		{"grow instr_per_op 1\n", "'1%' is not a percentage"},
		{"grow instr_per_op -1%\n", "is not a percentage"},
		{"# only a comment\n", "no rules"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(load(bad[i].text, &rs, err, sizeof(err)), -1);
		if (!strstr(err, bad[i].want))
			fail_msg("%s: got '%s', want '%s'", bad[i].text, err, bad[i].want);
		gate_rules_free(&rs);
	}
	assert_int_equal(load("require  backend=sync,async conc>=2  traps_per_op <= 3 # c\n"
			      "grow instr_per_op 1.5%\n", &rs, err, sizeof(err)), 0);
	assert_int_equal(rs.n, 2);
	assert_int_equal(rs.v[0].nf, 2);
	assert_int_equal(rs.v[0].f[0].vals.n, 2);
	assert_true(rs.v[1].grow && rs.v[1].pct == 1.5);
	gate_rules_free(&rs);
}

static void require_rules(void **state)
{
	(void)state;
	struct rowset rows;
	char out[4096];
	rowset_init(&rows);
	add_point(&rows, "sync", "1", "1500", "2");
	add_point(&rows, "async", "32", "1600", "0.1");
	add_point(&rows, "async", "64", "1650", "");
	/* The limit itself holds; the empty figure fails. */
	assert_int_equal(violations("require backend=async conc>=32 traps_per_op <= 0.1\n",
				    &rows, NULL, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "echo async harts=1 hz=100 conc=64 size=64 ops=1000: "
				    "traps_per_op measured (empty), baseline -, limit <= 0.1"));
	assert_int_equal(violations("require backend=sync traps_per_op >= 2\n"
				    "require status == ok\n", &rows, NULL, out, sizeof(out)), 0);
	assert_int_equal(violations("require backend=sync traps_per_op >= 2.001\n",
				    &rows, NULL, out, sizeof(out)), 1);
	/* conc<=16 selects only the sync row. */
	assert_int_equal(violations("require conc<=16 backend=sync,async instr_per_op <= 1500\n",
				    &rows, NULL, out, sizeof(out)), 0);
	assert_int_equal(violations("require status != ok\n", &rows, NULL, out, sizeof(out)), 3);
	assert_int_equal(violations("require backend=none traps_per_op >= 1\n",
				    &rows, NULL, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "selects no row"));
	rowset_free(&rows);
}

static void grow_rules(void **state)
{
	(void)state;
	struct rowset rows, base;
	char out[4096];
	rowset_init(&rows);
	rowset_init(&base);
	add_point(&base, "sync", "1", "1000", "2");
	add_point(&base, "async", "32", "2000", "0.1");
	add_point(&rows, "sync", "1", "1010", "2");      /* exactly +1% */
	add_point(&rows, "async", "32", "2020.2", "0.1"); /* +1.01% */
	assert_int_equal(violations("grow instr_per_op 1%\n", &rows, &base, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "echo async harts=1 hz=100 conc=32 size=64 ops=1000: "
				    "instr_per_op measured 2020.2, baseline 2000, limit 2020 (+1%)"));
	assert_int_equal(violations("grow traps_per_op 0%\n", &rows, &base, out, sizeof(out)), 0);
	/* A point on one side only fails, whichever side. */
	add_point(&rows, "sync", "64", "1000", "2");
	assert_int_equal(violations("grow traps_per_op 1%\n", &rows, &base, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "conc=64 size=64 ops=1000: not in the baseline"));
	add_point(&base, "sync", "128", "1000", "2");
	assert_int_equal(violations("grow traps_per_op 1%\n", &rows, &base, out, sizeof(out)), 2);
	assert_non_null(strstr(out, "conc=128 size=64 ops=1000: in the baseline but not measured"));
	rowset_free(&rows);
	rowset_free(&base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_errors),
		cmocka_unit_test(require_rules),
		cmocka_unit_test(grow_rules),
	};
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
