/* Per-curve data files and the Markdown summary of scbench plot. */
#include "plotdata.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "columns.h"
#include "csv.h"
#include "stats.h"
#include "summary.h"

/* A figure per target, workload and size; in it, a curve per value of
 * every other parameter but conc, the x axis. */
static const char *const group_keys[] = {"target", "workload", "size", NULL};

static const char *const *curve_keys(void)
{
	static const char **keys;
	if (!keys) {
		const char *const *p = point_keys();
		size_t n = 0, k = 0;
		while (p[n])
			n++;
		keys = xmalloc((n + 1) * sizeof(*keys));
		for (size_t i = 0; i < n; i++) {
			int grouped = !strcmp(p[i], "conc");
			for (const char *const *g = group_keys; *g; g++)
				grouped |= !strcmp(p[i], *g);
			if (!grouped)
				keys[k++] = p[i];
		}
		keys[k] = NULL;
	}
	return keys;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
	char *s;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		exit(1);
	va_end(ap);
	return s;
}

/* Do rows of the group differ in key? Then the label must say it. */
static int varies(const struct rowset *rows, const struct group *g, const char *key)
{
	for (size_t i = 1; i < g->n; i++)
		if (strcmp(row_str(&rows->rows[g->idx[i]], key), row_str(&rows->rows[g->idx[0]], key)))
			return 1;
	return 0;
}

static char *curve_label(const struct row *r, int show_ops, int show_icount, int show_trace)
{
	char buf[400];
	int n = snprintf(buf, sizeof(buf), "%s", row_str(r, "backend"));
	const char *sq = row_str(r, "sqmode"), *no = row_str(r, "notify");
	if (*sq || *no)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, " %s%s%s", sq, *sq && *no ? "/" : "", no);
	if (row_num(r, "harts") > 1)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, " %s harts", row_str(r, "harts"));
	if (*row_str(r, "hz") && strcmp(row_str(r, "hz"), "100"))
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, " hz=%s", row_str(r, "hz"));
	if (*row_str(r, "knobs"))
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, " %s", row_str(r, "knobs"));
	if (show_ops)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, " ops=%s", row_str(r, "ops"));
	if (show_icount)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, " %s",
			      strcmp(row_str(r, "icount"), "1") ? "wall-clock" : "icount");
	if (show_trace && !strcmp(row_str(r, "trace"), "1"))
		snprintf(buf + n, sizeof(buf) - (size_t)n, " traced");
	/* The label is a CSV header field gnuplot reads unquoted. */
	for (char *c = buf; *c; c++)
		if (*c == ',' || *c == '"')
			*c = ';';
	return xstrdup(buf);
}

/* The configuration a curve's style is looked up by in plots/styles.gp:
 * target/backend[/sqmode/notify][/knobs], knobs' spaces as +. hz, harts
 * and ops are left out: a configuration looks the same whatever its clock,
 * and no figure draws one configuration at two hart counts on one axis. */
static char *style_key(const struct row *r)
{
	char buf[400];
	int n = snprintf(buf, sizeof(buf), "%s/%s", row_str(r, "target"), row_str(r, "backend"));
	const char *sq = row_str(r, "sqmode"), *no = row_str(r, "notify"), *kn = row_str(r, "knobs");
	if (*sq || *no)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "/%s/%s", sq, no);
	if (*kn)
		snprintf(buf + n, sizeof(buf) - (size_t)n, "/%s", kn);
	for (char *c = buf; *c; c++)
		if (*c == ' ' || *c == ',' || *c == '"' || *c == '\'')
			*c = '+';
	return xstrdup(buf);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* The concurrency levels of a curve, each once, in the order its rows
 * have them (malloc'd; *n of them). */
static long *curve_concs(const struct rowset *rows, const struct curve *c, size_t *n)
{
	long *concs = xmalloc((c->n ? c->n : 1) * sizeof(long));
	*n = 0;
	for (size_t i = 0; i < c->n; i++) {
		long v = (long)row_num(&rows->rows[c->idx[i]], "conc");
		size_t k = 0;
		while (k < *n && concs[k] != v)
			k++;
		if (k == *n)
			concs[(*n)++] = v;
	}
	return concs;
}

/* The rows of a curve at one concurrency level (free its idx). */
static struct group conc_rows(const struct rowset *rows, const struct curve *c, long conc)
{
	struct group g = {xmalloc((c->n ? c->n : 1) * sizeof(size_t)), 0};
	for (size_t i = 0; i < c->n; i++)
		if ((long)row_num(&rows->rows[c->idx[i]], "conc") == conc)
			g.idx[g.n++] = c->idx[i];
	return g;
}

static void put_num(FILE *f, double v)
{
	if (isnan(v))
		fputs(",", f);
	else
		fprintf(f, ",%.10g", v);
}

/* The confidence interval of the median of column key over the group's
 * rows; NaN where fewer than two rows have a value (an exact point: one
 * repetition) or where they all agree, so that no bar is drawn. */
static struct stats_ci group_ci(const struct rowset *rows, const struct group *g, const char *key)
{
	double *x = xmalloc((g->n ? g->n : 1) * sizeof(double));
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++) {
		const struct row *r = &rows->rows[g->idx[i]];
		if (*row_str(r, key))
			x[n++] = row_num(r, key);
	}
	struct stats_ci ci = {NAN, NAN};
	if (n >= 2 && stats_min(x, n) < stats_max(x, n))
		ci = stats_median_ci(x, n);
	free(x);
	return ci;
}

/* One block per curve: its style key on a comment line, the label header,
 * then a line per concurrency level. The columns are the schema's plot
 * list (conc first), each followed by NAME_lo and NAME_hi, the median's
 * confidence interval: the scripts pick them by name. */
static void write_block(FILE *f, const struct rowset *rows, const struct curve *c)
{
	const char *const *data_cols = columns_role_names(ROLE_PLOT);
	size_t nc;
	long *concs = curve_concs(rows, c, &nc);
	qsort(concs, nc, sizeof(long), cmp_long);
	fprintf(f, "# style %s\n%s,%s", c->style, c->label, data_cols[0]);
	for (const char *const *col = data_cols + 1; *col; col++)
		fprintf(f, ",%s,%s_lo,%s_hi", *col, *col, *col);
	fputc('\n', f);
	for (size_t k = 0; k < nc; k++) {
		struct group g = conc_rows(rows, c, concs[k]);
		fprintf(f, "%s,%ld", c->label, concs[k]);
		for (const char *const *col = data_cols + 1; *col; col++) {
			struct stats_ci ci = group_ci(rows, &g, *col);
			put_num(f, group_median(rows, &g, *col));
			put_num(f, ci.lo);
			put_num(f, ci.hi);
		}
		fputc('\n', f);
		free(g.idx);
	}
	free(concs);
}

static int curve_has(const struct rowset *rows, const struct curve *c, const char *column)
{
	for (size_t i = 0; i < c->n; i++)
		if (*row_str(&rows->rows[c->idx[i]], column))
			return 1;
	return 0;
}

int plotdata_figure(const struct rowset *rows, const struct plotgroup *pg, const char *column,
		    int untraced, const char *source, const char *path, char *err, size_t errlen)
{
	/* Traced host runs carry the tracer's cost: a timing figure shows
	 * them only when there are no untraced ones. */
	int have_untraced = 0;
	for (size_t c = 0; c < pg->ncurves; c++)
		have_untraced |= curve_has(rows, &pg->curves[c], column) &&
				 strcmp(row_str(&rows->rows[pg->curves[c].idx[0]], "trace"), "1");
	char *buf = NULL;
	size_t len = 0;
	int written = 0;
	FILE *f = open_memstream(&buf, &len);
	if (source && *source)
		fprintf(f, "# source: %s\n", source);
	for (size_t c = 0; c < pg->ncurves; c++) {
		const struct curve *cv = &pg->curves[c];
		if (!curve_has(rows, cv, column))
			continue; /* sync has no break-even, untraced runs no syscalls */
		if (untraced && have_untraced && !strcmp(row_str(&rows->rows[cv->idx[0]], "trace"), "1"))
			continue;
		/* Two blank lines separate gnuplot data sets (index i). */
		if (written++)
			fputs("\n\n", f);
		write_block(f, rows, cv);
	}
	fclose(f);
	int rc = written ? atomic_write(path, buf, len) : 0;
	free(buf);
	if (rc) {
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
		return -1;
	}
	if (!written)
		remove(path); /* a stale one from an earlier plot */
	return written;
}

int plotdata_groups(const struct rowset *rows, struct plotset *ps, char *err, size_t errlen)
{
	memset(ps, 0, sizeof(*ps));
	struct groups gs;
	groups_build(rows, group_keys, 1, &gs);
	if (gs.n == 0) {
		snprintf(err, errlen, "no ok rows to plot");
		groups_free(&gs);
		return -1;
	}
	ps->g = calloc(gs.n, sizeof(*ps->g));
	for (size_t i = 0; i < gs.n; i++) {
		struct plotgroup *pg = &ps->g[ps->n++];
		const struct row *r0 = &rows->rows[gs.g[i].idx[0]];
		pg->target = xstrdup(row_str(r0, "target"));
		pg->workload = xstrdup(row_str(r0, "workload"));
		pg->size = xstrdup(row_str(r0, "size"));
		pg->stem = xasprintf("%s-%s-s%s", pg->target, pg->workload, pg->size);
		pg->title = xasprintf("%s, %s B, %s", pg->workload, pg->size, pg->target);
		int show_ops = varies(rows, &gs.g[i], "ops"), show_ic = varies(rows, &gs.g[i], "icount");
		int show_tr = varies(rows, &gs.g[i], "trace");
		/* Curves: the group's rows split by configuration. */
		struct rowset sub = {NULL, 0, 0};
		struct groups cg;
		sub.rows = xmalloc(gs.g[i].n * sizeof(struct row));
		for (size_t k = 0; k < gs.g[i].n; k++)
			sub.rows[sub.n++] = rows->rows[gs.g[i].idx[k]]; /* shallow: borrowed */
		groups_build(&sub, curve_keys(), 1, &cg);
		pg->curves = calloc(cg.n, sizeof(*pg->curves));
		for (size_t c = 0; c < cg.n; c++) {
			struct curve *cv = &pg->curves[pg->ncurves++];
			cv->n = cg.g[c].n;
			cv->idx = xmalloc(cv->n * sizeof(size_t));
			for (size_t k = 0; k < cv->n; k++)
				cv->idx[k] = gs.g[i].idx[cg.g[c].idx[k]];
			cv->label = curve_label(&rows->rows[cv->idx[0]], show_ops, show_ic, show_tr);
			cv->style = style_key(&rows->rows[cv->idx[0]]);
		}
		groups_free(&cg);
		free(sub.rows);
	}
	groups_free(&gs);
	return 0;
}

/* A string member of a JSON object, "" when missing. */
static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

char *plotdata_source(const char *dir, const struct rowset *rows)
{
	char *path = xasprintf("%s/meta.json", dir);
	json_t *m = json_load_file(path, 0, NULL);
	free(path);
	if (!m)
		return NULL;
	json_t *host = json_object_get(m, "host"), *tools = json_object_get(m, "tools");
	int emulated = 0, native = 0;
	for (size_t i = 0; i < rows->n; i++)
		*(strcmp(row_str(&rows->rows[i], "target"), "host") ? &emulated : &native) = 1;
	char buf[600];
	const char *commit = jstr(m, "commit"), *date = jstr(m, "started"), *cpu = jstr(host, "cpu_model");
	int n = snprintf(buf, sizeof(buf), "commit %.7s%s", *commit ? commit : "unknown",
			 json_is_true(json_object_get(m, "commit_dirty")) ? " (uncommitted changes)" : "");
	if (*date)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, ", %.10s", date);
	n += snprintf(buf + n, sizeof(buf) - (size_t)n, "; %s, %lld CPUs%s%s", jstr(host, "machine"),
		      (long long)json_integer_value(json_object_get(host, "cpus")), *cpu ? ", " : "", cpu);
	if (native)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, ", %s %s", jstr(host, "sysname"),
			      jstr(host, "release"));
	/* "QEMU emulator version 7.2.22 (Debian ...)": the version number. */
	const char *q = strstr(jstr(tools, "qemu"), "version ");
	if (emulated && q)
		snprintf(buf + n, sizeof(buf) - (size_t)n, "; QEMU %.*s", (int)strcspn(q + 8, " "), q + 8);
	json_decref(m);
	/* A caption inside a gnuplot string: no quote may end it. */
	for (char *c = buf; *c; c++)
		if (*c == '"' || *c == '\\' || *c == '\n')
			*c = ' ';
	return xstrdup(buf);
}

long long plotdata_started(const char *dir)
{
	char *path = xasprintf("%s/meta.json", dir);
	json_t *m = json_load_file(path, 0, NULL);
	free(path);
	struct tm tm = {0};
	const char *end = m ? strptime(jstr(m, "started"), "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;
	long long t = end && !*end ? (long long)timegm(&tm) : -1;
	json_decref(m);
	return t;
}

static char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return xstrdup(s ? s + 1 : path);
}

void plotgroup_add_figure(struct plotgroup *g, const char *svg, const char *png, const char *pdf,
			  const char *what)
{
	g->figs = xrealloc(g->figs, (g->nfigs + 1) * sizeof(*g->figs));
	g->figs[g->nfigs].svg = base_name(svg);
	g->figs[g->nfigs].png = base_name(png);
	g->figs[g->nfigs].pdf = base_name(pdf);
	g->figs[g->nfigs].what = xstrdup(what);
	g->nfigs++;
}

static void md_num(FILE *f, double v)
{
	if (isnan(v))
		fputs(" |", f);
	else if (fabs(v) >= 1000)
		fprintf(f, " %.0f |", v);
	else
		fprintf(f, " %.4g |", v);
}

/* A group's table in summary.md: a line per curve and concurrency level
 * (in the order of the rows), the medians of cols. */
static void md_group_table(FILE *f, const struct rowset *rows, const struct plotgroup *pg,
			   const struct column *const *cols)
{
	fputs("\n| configuration | conc |", f);
	for (const struct column *const *k = cols; *k; k++)
		fprintf(f, " %s |", (*k)->md_label);
	fputs("\n| --- | --- |", f);
	for (const struct column *const *k = cols; *k; k++)
		fputs(" --- |", f);
	fputc('\n', f);
	for (size_t c = 0; c < pg->ncurves; c++) {
		const struct curve *cv = &pg->curves[c];
		size_t nc;
		long *concs = curve_concs(rows, cv, &nc);
		for (size_t i = 0; i < nc; i++) {
			struct group gr = conc_rows(rows, cv, concs[i]);
			fprintf(f, "| %s | %ld |", cv->label, concs[i]);
			for (const struct column *const *k = cols; *k; k++)
				md_num(f, group_median(rows, &gr, (*k)->name));
			fputc('\n', f);
			free(gr.idx);
		}
		free(concs);
	}
}

int plotdata_markdown(const struct rowset *rows, const struct plotset *ps, const char *outdir,
		      char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	size_t ok = 0;
	for (size_t i = 0; i < rows->n; i++)
		ok += !strcmp(row_str(&rows->rows[i], "status"), "ok");
	fprintf(f, "# Summary\n\n%zu runs, %zu ok, %zu failed (left out). Figures are medians over\n"
		   "repetitions; refos throughput is in operations per virtual second.\n",
		rows->n, ok, rows->n - ok);
	for (size_t g = 0; g < ps->n; g++) {
		const struct plotgroup *pg = &ps->g[g];
		int host = !strcmp(pg->target, "host");
		fprintf(f, "\n## %s\n\n", pg->title);
		for (size_t k = 0; k < pg->nfigs; k++)
			fprintf(f, "- %s: [SVG](%s), [PNG](%s), [PDF](%s)\n", pg->figs[k].what,
				pg->figs[k].svg, pg->figs[k].png, pg->figs[k].pdf);
		md_group_table(f, rows, pg, columns_role(host ? ROLE_MD_HOST : ROLE_MD_REFOS));
	}
	fclose(f);
	char *path = xasprintf("%s/summary.md", outdir);
	int rc = atomic_write(path, buf, len);
	if (rc)
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
	free(path);
	free(buf);
	return rc;
}

void plotset_free(struct plotset *ps)
{
	for (size_t g = 0; g < ps->n; g++) {
		struct plotgroup *pg = &ps->g[g];
		free(pg->target);
		free(pg->workload);
		free(pg->size);
		free(pg->stem);
		free(pg->title);
		for (size_t c = 0; c < pg->ncurves; c++) {
			free(pg->curves[c].label);
			free(pg->curves[c].style);
			free(pg->curves[c].idx);
		}
		free(pg->curves);
		for (size_t k = 0; k < pg->nfigs; k++) {
			free(pg->figs[k].svg);
			free(pg->figs[k].png);
			free(pg->figs[k].pdf);
			free(pg->figs[k].what);
		}
		free(pg->figs);
	}
	free(ps->g);
	memset(ps, 0, sizeof(*ps));
}
