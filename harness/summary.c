/* Summaries of repetitions. Medians and MAD rather than mean and standard
 * deviation: one disturbed run must not move the figure; the median's
 * uncertainty is a bootstrap interval (stats.h). */
#include "summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "derive.h"
#include "gaterules.h"
#include "stats.h"

const char *const *point_keys(void)
{
	static const char **keys;
	if (!keys) {
		size_t k = 0;
		keys = xmalloc((columns_count() + 1) * sizeof(*keys));
		for (size_t i = 0; i < columns_count(); i++)
			if (columns_at(i)->source == SRC_PARAM)
				keys[k++] = columns_at(i)->name;
		keys[k] = NULL;
	}
	return keys;
}

static int same_key(const struct row *a, const struct row *b, const char *const *keys)
{
	for (; *keys; keys++)
		if (strcmp(row_str(a, *keys), row_str(b, *keys)))
			return 0;
	return 1;
}

void groups_build(const struct rowset *rows, const char *const *keys, int only_ok, struct groups *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < rows->n; i++) {
		const struct row *r = &rows->rows[i];
		if (only_ok && strcmp(row_str(r, "status"), "ok"))
			continue;
		struct group *g = NULL;
		for (size_t k = 0; k < out->n && !g; k++)
			if (same_key(&rows->rows[out->g[k].idx[0]], r, keys))
				g = &out->g[k];
		if (!g) {
			out->g = xrealloc(out->g, (out->n + 1) * sizeof(*out->g));
			g = &out->g[out->n++];
			memset(g, 0, sizeof(*g));
		}
		g->idx = xrealloc(g->idx, (g->n + 1) * sizeof(*g->idx));
		g->idx[g->n++] = i;
	}
}

void groups_free(struct groups *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->g[i].idx);
	free(g->g);
	memset(g, 0, sizeof(*g));
}

static double *column_values(const struct rowset *rows, const struct group *g, const char *key)
{
	double *x = xmalloc((g->n ? g->n : 1) * sizeof(*x));
	for (size_t i = 0; i < g->n; i++)
		x[i] = row_num(&rows->rows[g->idx[i]], key);
	return x;
}

double group_median(const struct rowset *rows, const struct group *g, const char *key)
{
	double *x = column_values(rows, g, key);
	double m = stats_median(x, g->n);
	free(x);
	return m;
}

size_t summary_build(const struct rowset *runs, struct rowset *out, struct strv *cols)
{
	struct groups all;
	size_t flagged = 0;
	strv_add(cols, "schema_version");
	for (const char *const *k = point_keys(); *k; k++)
		strv_add(cols, *k);
	strv_add(cols, "runs");
	strv_add(cols, "runs_ok");
	for (const char *const *m = columns_role_names(ROLE_SUMMARY); *m; m++) {
		static const char *const suffix[] = {"median", "mad", "min", "max", "outliers"};
		for (size_t s = 0; s < 5; s++) {
			char name[96];
			snprintf(name, sizeof(name), "%s_%s", *m, suffix[s]);
			strv_add(cols, name);
		}
	}
	/* Appended after the older columns, so none of those moves. */
	for (const char *const *m = columns_role_names(ROLE_SUMMARY); *m; m++)
		for (int e = 0; e < 2; e++) {
			char name[96];
			snprintf(name, sizeof(name), "%s_%s", *m, e ? "ci_hi" : "ci_lo");
			strv_add(cols, name);
		}
	groups_build(runs, point_keys(), 0, &all);
	for (size_t i = 0; i < all.n; i++) {
		struct group *g = &all.g[i];
		struct row *r = rowset_add(out);
		row_setf(r, "schema_version", "%d", SCHEMA_VERSION);
		for (const char *const *k = point_keys(); *k; k++)
			row_set(r, *k, row_str(&runs->rows[g->idx[0]], *k));
		/* Failed runs are never counted: statistics over "ok" only. */
		struct group ok = {xmalloc(g->n * sizeof(size_t)), 0};
		for (size_t j = 0; j < g->n; j++)
			if (!strcmp(row_str(&runs->rows[g->idx[j]], "status"), "ok"))
				ok.idx[ok.n++] = g->idx[j];
		row_setf(r, "runs", "%zu", g->n);
		row_setf(r, "runs_ok", "%zu", ok.n);
		int any_outlier = 0;
		for (const char *const *m = columns_role_names(ROLE_SUMMARY); *m; m++) {
			char name[96];
			double *x = column_values(runs, &ok, *m);
			size_t have = 0;
			for (size_t j = 0; j < ok.n; j++)
				have += !isnan(x[j]);
			size_t nout = stats_outliers(x, ok.n, NULL);
			any_outlier |= nout > 0 && !columns_find(*m)->quiet;
#define PUT(suf, v) (snprintf(name, sizeof(name), "%s_%s", *m, suf), row_set_num(r, name, v))
			PUT("median", stats_median(x, ok.n));
			PUT("mad", stats_mad(x, ok.n));
			PUT("min", stats_min(x, ok.n));
			PUT("max", stats_max(x, ok.n));
			PUT("outliers", have ? (double)nout : NAN);
			struct stats_ci ci = stats_median_ci(x, ok.n);
			PUT("ci_lo", ci.lo);
			PUT("ci_hi", ci.hi);
#undef PUT
			free(x);
		}
		flagged += (size_t)any_outlier;
		free(ok.idx);
	}
	groups_free(&all);
	return flagged;
}

size_t summary_warn_outliers(FILE *f, const struct rowset *sum)
{
	size_t flagged = 0;
	for (size_t i = 0; i < sum->n; i++) {
		const struct row *r = &sum->rows[i];
		char *point = NULL;
		for (const char *const *m = columns_role_names(ROLE_SUMMARY); *m; m++) {
			char name[96];
			snprintf(name, sizeof(name), "%s_outliers", *m);
			double n = row_num(r, name);
			if (!(n > 0) || columns_find(*m)->quiet)
				continue;
			if (!point) {
				char *rest = gate_point_name(r);
				if (asprintf(&point, "%s %s", row_str(r, "target"), rest) < 0)
					point = NULL;
				free(rest);
				flagged++;
			}
			fprintf(f, "scbench: outlier: %s: %s: %.0f of %s runs\n", point ? point : "?",
				*m, n, row_str(r, "runs_ok"));
		}
		free(point);
	}
	return flagged;
}
