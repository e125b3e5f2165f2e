/* scbench compare A B: for every point present in both result sets, the
 * medians of each figure in A and B, their ratio B/A with a bootstrap
 * interval, and a verdict on the throughput; warnings when the two sets were
 * not measured alike (machine, commit, tools, load). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "columns.h"
#include "csv.h"
#include "opts.h"
#include "output.h"
#include "stats.h"
#include "summary.h"

/* The figures compared: the schema's compare list. */
static const char *const *figures(void)
{
	return columns_role_names(ROLE_COMPARE);
}

/* The figure a verdict is about, in order of preference: the time measured
 * by the host's clock, else the guest's virtual time. */
static const char *const verdict_figures[] = {"ops_per_sec", "ops_per_vsec", NULL};
static const char *const verdict_faster = "faster", *const verdict_slower = "slower",
		  *const verdict_same = "no-difference", *const verdict_few = "too-few-runs";

/* A difference in 1-minute load average above this (runnable tasks) is
 * worth a warning: the other tasks shared the CPUs with one set only. */
#define COMPARE_LOAD_DIFF 1.0

static const struct opt compare_opts[] = {
	{"format", 0, "csv|md", "output format", "csv", 1},
	OPT_END,
};

static const struct cmd_spec compare_spec = {
	"compare", "A B [--format csv|md]",
	"Matches the points of two result sets (folders holding runs.csv, or the\n"
	"files themselves) and prints, per point, the median of each figure in A and\n"
	"in B, the ratio B/A and its 95% interval (columns FIGURE_a, FIGURE_b,\n"
	"FIGURE_ratio, FIGURE_ratio_lo, FIGURE_ratio_hi; percentile bootstrap of the\n"
	"ratio of medians, A and B resampled apart, fixed seed). The verdict column\n"
	"says whether B is faster, slower or not significantly different from A at\n"
	"that level, by ops_per_sec (else ops_per_vsec): the interval above 1,\n"
	"below 1, or holding 1. A point with one run on a side that does not repeat\n"
	"exactly (no -icount) is too-few-runs. Failed runs are left out. stderr gets\n"
	"the geometric mean ratio of each figure, the verdicts, the points found on\n"
	"one side only, and a warning for every difference between the sets'\n"
	"meta.json in machine, commit, tool versions or load.\n",
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

/* The folder of a set given as a folder or as its runs.csv. */
static char *set_dir(const char *arg)
{
	size_t n = strlen(arg);
	if (n > 4 && !strcmp(arg + n - 4, ".csv")) {
		const char *slash = strrchr(arg, '/');
		return slash ? strndup(arg, (size_t)(slash - arg)) : xstrdup(".");
	}
	return xstrdup(arg);
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

static json_t *load_meta(const char *arg)
{
	char *dir = set_dir(arg), *path;
	json_t *m = NULL;
	if (asprintf(&path, "%s/meta.json", dir) >= 0) {
		m = json_load_file(path, 0, NULL);
		free(path);
	}
	free(dir);
	return m;
}

static void warn_diff(const char *what, json_t *a, json_t *b)
{
	char *ta = a ? json_dumps(a, JSON_ENCODE_ANY) : NULL;
	char *tb = b ? json_dumps(b, JSON_ENCODE_ANY) : NULL;
	fprintf(stderr, "scbench compare: warning: A and B differ in %s: %s vs %s\n", what,
		ta ? ta : "(absent)", tb ? tb : "(absent)");
	free(ta);
	free(tb);
}

/* Every key of object `section` (or the key itself when not an object). */
static size_t diff_section(json_t *ma, json_t *mb, const char *section)
{
	json_t *a = json_object_get(ma, section), *b = json_object_get(mb, section);
	size_t n = 0;
	if (!json_is_object(a) || !json_is_object(b)) {
		if (!json_equal(a, b) && (a || b))
			warn_diff(section, a, b), n++;
		return n;
	}
	const char *key;
	json_t *va;
	json_object_foreach(a, key, va) {
		json_t *vb = json_object_get(b, key);
		if (!vb || !json_equal(va, vb)) {
			char what[128];
			snprintf(what, sizeof(what), "%s.%s", section, key);
			warn_diff(what, va, vb), n++;
		}
	}
	json_t *vb;
	json_object_foreach(b, key, vb)
		if (!json_object_get(a, key)) {
			char what[128];
			snprintf(what, sizeof(what), "%s.%s", section, key);
			warn_diff(what, NULL, vb), n++;
		}
	return n;
}

/* Warnings for whatever makes the two sets' figures incomparable. */
static void warn_meta(const char *sa, const char *sb)
{
	json_t *ma = load_meta(sa), *mb = load_meta(sb);
	if (!ma || !mb) {
		fprintf(stderr, "scbench compare: warning: no meta.json beside %s: cannot tell "
				"whether both sets were measured alike\n", ma ? sb : sa);
	} else {
		static const char *const sections[] = {"host", "commit", "commit_dirty", "tools", NULL};
		for (const char *const *s = sections; *s; s++)
			diff_section(ma, mb, *s);
		json_t *la = json_object_get(json_object_get(ma, "load"), "start_1min");
		json_t *lb = json_object_get(json_object_get(mb, "load"), "start_1min");
		if (json_is_number(la) && json_is_number(lb) &&
		    fabs(json_number_value(la) - json_number_value(lb)) > COMPARE_LOAD_DIFF)
			warn_diff("load.start_1min (the machine's load when each began)", la, lb);
	}
	json_decref(ma);
	json_decref(mb);
}

static int same_point(const struct row *a, const struct row *b)
{
	for (const char *const *k = point_keys(); *k; k++)
		if (strcmp(row_str(a, *k), row_str(b, *k)))
			return 0;
	return 1;
}

static const char *const ratio_suffixes[] = {"_a", "_b", "_ratio", NULL};
/* Added after the first three, so the older columns keep their places. */
static const char *const interval_suffixes[] = {"_ratio_lo", "_ratio_hi", NULL};

static void table_columns(struct strv *cols)
{
	const char *const *metrics = figures();
	char name[96];
	for (const char *const *k = point_keys(); *k; k++)
		strv_add(cols, *k);
	for (const char *const *sufs[] = {ratio_suffixes, interval_suffixes}, *const **s = sufs;
	     s < sufs + 2; s++)
		for (size_t m = 0; metrics[m]; m++)
			for (const char *const *suf = *s; *suf; suf++) {
				snprintf(name, sizeof(name), "%s%s", metrics[m], *suf);
				strv_add(cols, name);
			}
	strv_add(cols, "runs_a");
	strv_add(cols, "runs_b");
	strv_add(cols, "verdict");
	strv_add(cols, "verdict_figure");
}

static void print_md(const struct rowset *out)
{
	const char *const *metrics = figures();
	printf("| point | verdict |");
	for (size_t m = 0; metrics[m]; m++)
		printf(" %s B/A |", metrics[m]);
	printf("\n| --- | --- |");
	for (size_t m = 0; metrics[m]; m++)
		printf(" --- |");
	printf("\n");
	for (size_t i = 0; i < out->n; i++) {
		const struct row *r = &out->rows[i];
		printf("| %s %s %s%s%s%s%s c=%s s=%s | %s |", row_str(r, "target"), row_str(r, "workload"),
		       row_str(r, "backend"), *row_str(r, "sqmode") ? " " : "", row_str(r, "sqmode"),
		       *row_str(r, "notify") ? "/" : "", row_str(r, "notify"), row_str(r, "conc"),
		       row_str(r, "size"), row_str(r, "verdict"));
		for (size_t m = 0; metrics[m]; m++) {
			char name[96];
			snprintf(name, sizeof(name), "%s_ratio", metrics[m]);
			const char *v = row_str(r, name);
			snprintf(name, sizeof(name), "%s_ratio_lo", metrics[m]);
			const char *lo = row_str(r, name);
			snprintf(name, sizeof(name), "%s_ratio_hi", metrics[m]);
			printf(*v ? " %s [%s, %s] |" : " %s |", v, lo, row_str(r, name));
		}
		printf("\n");
	}
}

/* The ratios as CSV (every column) or Markdown (the B/A ratios). */
static void print_table(const char *format, const struct rowset *out)
{
	struct strv cols;
	strv_init(&cols);
	table_columns(&cols);
	if (!strcmp(format, "csv"))
		csv_write(stdout, &cols, out);
	else
		print_md(out);
	strv_free(&cols);
}

static double *values(const struct rowset *rows, const struct group *g, const char *key)
{
	double *x = xmalloc((g->n ? g->n : 1) * sizeof(*x));
	for (size_t i = 0; i < g->n; i++)
		x[i] = row_num(&rows->rows[g->idx[i]], key);
	return x;
}

struct side {
	const struct rowset *rows;
	const struct group *g;
};

/* One figure of one point: medians, ratio, interval. Returns the ratio. */
static double compare_figure(struct row *r, const char *metric, struct side a, struct side b,
			     struct stats_ci *ci)
{
	double *xa = values(a.rows, a.g, metric), *xb = values(b.rows, b.g, metric);
	double va = stats_median(xa, a.g->n), vb = stats_median(xb, b.g->n);
	double ratio = va != 0 ? vb / va : NAN;
	*ci = stats_ratio_ci(xa, a.g->n, xb, b.g->n);
	const double v[] = {va, vb, ratio, ci->lo, ci->hi};
	const char *const sufs[] = {"_a", "_b", "_ratio", "_ratio_lo", "_ratio_hi"};
	for (int s = 0; s < 5; s++) {
		char name[96];
		snprintf(name, sizeof(name), "%s%s", metric, sufs[s]);
		row_set_num(r, name, v[s]);
	}
	free(xa);
	free(xb);
	return ratio;
}

/* B against A by the first verdict figure both sides have. */
static const char *verdict_of(struct row *r, struct side a, struct side b)
{
	for (const char *const *f = verdict_figures; *f; f++) {
		char name[96];
		snprintf(name, sizeof(name), "%s_ratio_lo", *f);
		double lo = row_num(r, name);
		snprintf(name, sizeof(name), "%s_ratio_hi", *f);
		double hi = row_num(r, name);
		if (isnan(lo) || isnan(hi))
			continue;
		row_set(r, "verdict_figure", *f);
		/* Under -icount one run is exact; elsewhere one run has no spread
		 * to judge a difference by. */
		int exact = !strcmp(row_str(&a.rows->rows[a.g->idx[0]], "icount"), "1") &&
			    !strcmp(row_str(&b.rows->rows[b.g->idx[0]], "icount"), "1");
		if (!exact && (a.g->n < 2 || b.g->n < 2))
			return verdict_few;
		return lo > 1 ? verdict_faster : hi < 1 ? verdict_slower : verdict_same;
	}
	return "";
}

struct tally {
	double *logsum; /* per compared figure */
	size_t *nlog;
	size_t faster, slower, same, few;
};

static void compare_point(struct row *r, struct side a, struct side b, struct tally *t)
{
	const char *const *metrics = figures();
	for (const char *const *k = point_keys(); *k; k++)
		row_set(r, *k, row_str(&a.rows->rows[a.g->idx[0]], *k));
	for (size_t m = 0; metrics[m]; m++) {
		struct stats_ci ci;
		double ratio = compare_figure(r, metrics[m], a, b, &ci);
		if (ratio > 0 && !isinf(ratio)) {
			t->logsum[m] += log(ratio);
			t->nlog[m]++;
		}
	}
	row_setf(r, "runs_a", "%zu", a.g->n);
	row_setf(r, "runs_b", "%zu", b.g->n);
	const char *v = verdict_of(r, a, b);
	row_set(r, "verdict", v);
	t->faster += v == verdict_faster;
	t->slower += v == verdict_slower;
	t->same += v == verdict_same;
	t->few += v == verdict_few;
}

static void print_tally(const struct tally *t, size_t common, size_t only_a, size_t only_b)
{
	const char *const *metrics = figures();
	fprintf(stderr, "scbench compare: %zu points in common, %zu only in A, %zu only in B\n",
		common, only_a, only_b);
	for (size_t m = 0; metrics[m]; m++)
		if (t->nlog[m])
			fprintf(stderr, "  %-24s geometric mean B/A %.4f over %zu points\n", metrics[m],
				exp(t->logsum[m] / (double)t->nlog[m]), t->nlog[m]);
	fprintf(stderr, "scbench compare: B against A at the %.0f%% level (bootstrap, %d resamples): "
			"%zu %s, %zu %s, %zu %s, %zu %s\n", 100 * STATS_CI_LEVEL, STATS_BOOT_RESAMPLES,
		t->faster, verdict_faster, t->slower, verdict_slower, t->same, verdict_same, t->few,
		verdict_few);
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
	groups_build(&ra, point_keys(), 1, &ga);
	groups_build(&rb, point_keys(), 1, &gb);
	size_t nfig = 0, only_a = 0, only_b = 0;
	while (figures()[nfig])
		nfig++;
	struct tally t = {calloc(nfig + 1, sizeof(double)), calloc(nfig + 1, sizeof(size_t)), 0, 0, 0, 0};
	int *used = calloc(gb.n ? gb.n : 1, sizeof(int));
	for (size_t i = 0; i < ga.n; i++) {
		size_t j = 0;
		while (j < gb.n && !same_point(&ra.rows[ga.g[i].idx[0]], &rb.rows[gb.g[j].idx[0]]))
			j++;
		if (j == gb.n) {
			only_a++;
			continue;
		}
		used[j] = 1;
		compare_point(rowset_add(&out), (struct side){&ra, &ga.g[i]}, (struct side){&rb, &gb.g[j]}, &t);
	}
	for (size_t j = 0; j < gb.n; j++)
		only_b += !used[j];
	print_table(format, &out);
	print_tally(&t, out.n, only_a, only_b);
	warn_meta(sets[0], sets[1]);
	int rc = out.n ? 0 : EXIT_FAILED_POINTS;
	free(used);
	free(t.logsum);
	free(t.nlog);
	groups_free(&ga);
	groups_free(&gb);
	rowset_free(&ra);
	rowset_free(&rb);
	rowset_free(&out);
	return rc;
}
