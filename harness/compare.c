/* scbench compare A B: for every point present in both result sets, the
 * medians of each figure in A and B and their ratio B/A. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csv.h"
#include "opts.h"
#include "output.h"
#include "summary.h"

static const char *const metrics[] = {
	"instr_per_op", "traps_per_op", "ctx_per_op", "syscalls_per_op", "ops_per_vsec",
	"ops_per_sec", "modelled_cycles_per_op", NULL,
};

static const struct opt compare_opts[] = {
	{"format", 0, "csv|md", "output format", "csv", 1},
	OPT_END,
};

static const struct cmd_spec compare_spec = {
	"compare", "A B [--format csv|md]",
	"Matches the points of two result sets (folders holding runs.csv, or the\n"
	"files themselves) and prints, per point, the median of each figure in A and\n"
	"in B and the ratio B/A (columns FIGURE_a, FIGURE_b, FIGURE_ratio). Failed\n"
	"runs are left out. stderr gets the geometric mean ratio of each figure and\n"
	"the points found on one side only.\n",
	compare_opts,
	"exit status: 0 compared, 1 no point in common or a set unreadable, 2 usage.\n"
	"\n"
	"examples:\n"
	"  scbench compare results/before results/after\n"
	"  scbench compare results/a/runs.csv results/b/runs.csv --format md\n",
	" (two result sets)",
};

static int compare_set(void *ctx, const struct opt *o, const char *val, char *err, size_t errlen)
{
	(void)o;
	if (strcmp(val, "csv") && strcmp(val, "md")) {
		snprintf(err, errlen, "--format: want csv or md");
		return -1;
	}
	*(const char **)ctx = val;
	return 0;
}

static int load(const char *arg, struct rowset *rows)
{
	char *path, err[400];
	size_t n = strlen(arg);
	if (n > 4 && !strcmp(arg + n - 4, ".csv"))
		path = xstrdup(arg);
	else if (asprintf(&path, "%s/runs.csv", arg) < 0)
		return -1;
	int rc = csv_read_file(path, NULL, rows, err, sizeof(err));
	if (rc)
		fprintf(stderr, "scbench compare: %s\n", err);
	free(path);
	return rc;
}

static int same_point(const struct row *a, const struct row *b)
{
	for (const char *const *k = point_keys; *k; k++)
		if (strcmp(row_str(a, *k), row_str(b, *k)))
			return 0;
	return 1;
}

/* The ratios as CSV (every column) or Markdown (the B/A ratios). */
static void print_table(const char *format, const struct rowset *out)
{
	struct strv cols;
	strv_init(&cols);
	for (const char *const *k = point_keys; *k; k++)
		strv_add(&cols, *k);
	for (size_t m = 0; metrics[m]; m++) {
		static const char *const suf[] = {"_a", "_b", "_ratio"};
		for (int s = 0; s < 3; s++) {
			char name[96];
			snprintf(name, sizeof(name), "%s%s", metrics[m], suf[s]);
			strv_add(&cols, name);
		}
	}
	if (!strcmp(format, "csv"))
		csv_write(stdout, &cols, out);
	else {
		printf("| point |");
		for (size_t m = 0; metrics[m]; m++)
			printf(" %s B/A |", metrics[m]);
		printf("\n| --- |");
		for (size_t m = 0; metrics[m]; m++)
			printf(" --- |");
		printf("\n");
		for (size_t i = 0; i < out->n; i++) {
			const struct row *r = &out->rows[i];
			printf("| %s %s %s%s%s%s%s c=%s s=%s |", row_str(r, "target"), row_str(r, "workload"),
			       row_str(r, "backend"), *row_str(r, "sqmode") ? " " : "", row_str(r, "sqmode"),
			       *row_str(r, "notify") ? "/" : "", row_str(r, "notify"), row_str(r, "conc"),
			       row_str(r, "size"));
			for (size_t m = 0; metrics[m]; m++) {
				char name[96];
				snprintf(name, sizeof(name), "%s_ratio", metrics[m]);
				printf(" %s |", row_str(r, name));
			}
			printf("\n");
		}
	}
	strv_free(&cols);
}

int cmd_compare(int argc, char **argv)
{
	const char *sets[2] = {NULL, NULL}, *format = compare_opts[0].def;
	size_t nsets;
	int urc = opts_parse(&compare_spec, argc, argv, compare_set, &format, sets, 2, &nsets);
	if (urc)
		return urc == 1 ? 0 : urc;
	if (nsets < 2)
		return usage_error("compare", "want two result sets, A and B");
	struct rowset ra, rb, out;
	rowset_init(&ra);
	rowset_init(&rb);
	rowset_init(&out);
	if (load(sets[0], &ra) || load(sets[1], &rb))
		return EXIT_FAILED_POINTS;
	struct groups ga, gb;
	groups_build(&ra, point_keys, 1, &ga);
	groups_build(&rb, point_keys, 1, &gb);
	double logsum[16] = {0};
	size_t nlog[16] = {0}, only_a = 0;
	int *used = calloc(gb.n ? gb.n : 1, sizeof(int));
	for (size_t i = 0; i < ga.n; i++) {
		const struct row *a0 = &ra.rows[ga.g[i].idx[0]];
		size_t j = 0;
		while (j < gb.n && !same_point(a0, &rb.rows[gb.g[j].idx[0]]))
			j++;
		if (j == gb.n) {
			only_a++;
			continue;
		}
		used[j] = 1;
		struct row *r = rowset_add(&out);
		for (const char *const *k = point_keys; *k; k++)
			row_set(r, *k, row_str(a0, *k));
		for (size_t m = 0; metrics[m]; m++) {
			double va = group_median(&ra, &ga.g[i], metrics[m]);
			double vb = group_median(&rb, &gb.g[j], metrics[m]);
			double ratio = va != 0 ? vb / va : NAN;
			char name[96];
			snprintf(name, sizeof(name), "%s_a", metrics[m]);
			row_set_num(r, name, va);
			snprintf(name, sizeof(name), "%s_b", metrics[m]);
			row_set_num(r, name, vb);
			snprintf(name, sizeof(name), "%s_ratio", metrics[m]);
			row_set_num(r, name, ratio);
			if (ratio > 0 && !isinf(ratio)) {
				logsum[m] += log(ratio);
				nlog[m]++;
			}
		}
	}
	size_t only_b = 0;
	for (size_t j = 0; j < gb.n; j++)
		only_b += !used[j];
	print_table(format, &out);
	fprintf(stderr, "scbench compare: %zu points in common, %zu only in A, %zu only in B\n",
		out.n, only_a, only_b);
	for (size_t m = 0; metrics[m]; m++)
		if (nlog[m])
			fprintf(stderr, "  %-24s geometric mean B/A %.4f over %zu points\n", metrics[m],
				exp(logsum[m] / (double)nlog[m]), nlog[m]);
	int rc = out.n ? 0 : EXIT_FAILED_POINTS;
	free(used);
	groups_free(&ga);
	groups_free(&gb);
	rowset_free(&ra);
	rowset_free(&rb);
	rowset_free(&out);
	return rc;
}
