/* CSV writer, reader and atomic file replacement. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"

static char *field(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	csv_field(f, s);
	fclose(f);
	return buf;
}

static void quoting(void **state)
{
	(void)state;
	struct { const char *in, *out; } cases[] = {
		{"plain", "plain"}, {"", ""}, {"a,b", "\"a,b\""}, {"say \"hi\"", "\"say \"\"hi\"\"\""},
		{"two\nlines", "\"two\nlines\""}, {"cr\r", "\"cr\r\""}, {" lead", "\" lead\""},
		{"trail ", "\"trail \""}, {"in side", "in side"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = field(cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

static void roundtrip(void **state)
{
	(void)state;
	struct rowset rs, back;
	struct strv cols, cols2;
	rowset_init(&rs);
	rowset_init(&back);
	strv_init(&cols);
	strv_init(&cols2);
	strv_add(&cols, "name");
	strv_add(&cols, "note");
	strv_add(&cols, "n");
	struct row *r = rowset_add(&rs);
	row_set(r, "name", "a,b");
	row_set(r, "note", "line1\nline2 \"q\"");
	row_set(r, "n", "42");
	r = rowset_add(&rs);
	row_set(r, "name", "x"); /* note and n absent: empty cells */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	csv_write(f, &cols, &rs);
	fclose(f);
	char err[200];
	assert_int_equal(csv_parse(buf, &cols2, &back, err, sizeof(err)), 0);
	assert_int_equal(cols2.n, 3);
	assert_string_equal(cols2.v[1], "note");
	assert_int_equal(back.n, 2);
	assert_string_equal(row_str(&back.rows[0], "name"), "a,b");
	assert_string_equal(row_str(&back.rows[0], "note"), "line1\nline2 \"q\"");
	assert_true(row_num(&back.rows[0], "n") == 42);
	assert_string_equal(row_str(&back.rows[1], "note"), "");
	assert_true(row_num(&back.rows[1], "n") != row_num(&back.rows[1], "n")); /* NaN */
	free(buf);
	rowset_free(&rs);
	rowset_free(&back);
	strv_free(&cols);
	strv_free(&cols2);
}

static void parse_errors(void **state)
{
	(void)state;
	struct rowset rs;
	char err[200];
	rowset_init(&rs);
	assert_int_equal(csv_parse("a,b\n1,\"open\n", NULL, &rs, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unterminated quote"));
	rowset_free(&rs);
	assert_int_equal(csv_parse("a,b\n1,2,3\n", NULL, &rs, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "3 fields"));
	rowset_free(&rs);
	assert_int_equal(csv_parse("", NULL, &rs, err, sizeof(err)), -1);
	rowset_free(&rs);
	/* A trailing blank line is no record; CRLF ends lines too. */
	assert_int_equal(csv_parse("a,b\r\n1,2\r\n\n", NULL, &rs, err, sizeof(err)), 0);
	assert_int_equal(rs.n, 1);
	assert_string_equal(row_str(&rs.rows[0], "b"), "2");
	rowset_free(&rs);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static void atomic(void **state)
{
	(void)state;
	char dir[] = "/tmp/scbench-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256], sub[256];
	snprintf(path, sizeof(path), "%s/out.csv", dir);
	assert_int_equal(atomic_write(path, "one\n", 4), 0);
	assert_int_equal(atomic_write(path, "two\n", 4), 0);
	char *got = read_whole_file(path, NULL);
	assert_string_equal(got, "two\n");
	free(got);
	assert_int_equal(count_entries(dir), 1); /* no temporary left */

	/* The target is a folder: rename fails, nothing is left behind. */
	snprintf(sub, sizeof(sub), "%s/dir", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_true(atomic_write(sub, "x", 1) < 0);
	assert_int_equal(count_entries(dir), 2);
	struct stat st;
	assert_int_equal(stat(sub, &st), 0);
	assert_true(S_ISDIR(st.st_mode));

	/* A missing folder: an error, not a crash. */
	snprintf(sub, sizeof(sub), "%s/missing/out.csv", dir);
	assert_true(atomic_write(sub, "x", 1) < 0);

	/* csv_write_file goes through the same path. */
	struct strv cols;
	struct rowset rs;
	strv_init(&cols);
	rowset_init(&rs);
	strv_add(&cols, "k");
	row_set(rowset_add(&rs), "k", "v,w");
	assert_int_equal(csv_write_file(path, &cols, &rs), 0);
	got = read_whole_file(path, NULL);
	assert_string_equal(got, "k\n\"v,w\"\n");
	free(got);
	strv_free(&cols);
	rowset_free(&rs);
	unlink(path);
	snprintf(sub, sizeof(sub), "%s/dir", dir);
	rmdir(sub);
	rmdir(dir);
}

static void numbers(void **state)
{
	(void)state;
	struct row r;
	row_init(&r);
	row_set_num(&r, "int", 123456789012.0);
	row_set_num(&r, "frac", 0.125);
	row_set_num(&r, "nan", 0.0 / 0.0);
	assert_string_equal(row_str(&r, "int"), "123456789012");
	assert_string_equal(row_str(&r, "frac"), "0.125");
	assert_string_equal(row_str(&r, "nan"), "");
	row_set(&r, "int", NULL);
	assert_null(row_get(&r, "int"));
	row_free(&r);
}

int main(void)
{
	cmocka_set_message_output(CM_OUTPUT_TAP);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoting), cmocka_unit_test(roundtrip), cmocka_unit_test(parse_errors),
		cmocka_unit_test(atomic), cmocka_unit_test(numbers),
	};
	return cmocka_run_group_tests_name("harness csv", tests, NULL, NULL);
}
