/* Grouping of repetitions into points, and the summary of a result set:
 * median, MAD, min, max, MAD outliers and the median's bootstrap interval
 * of each figure per point. */
#ifndef SCB_SUMMARY_H
#define SCB_SUMMARY_H

#include <stdio.h>

#include "row.h"

struct group {
	size_t *idx; /* rows of the group */
	size_t n;
};

struct groups {
	struct group *g;
	size_t n;
};

/* The columns that name a point: the schema's parameters (rep, the
 * harness's count of repetitions, is not one). NULL-terminated. */
const char *const *point_keys(void);

/* Groups the rows (only status "ok" ones when only_ok) by the values of
 * keys; groups keep the order in which their first row appears. */
void groups_build(const struct rowset *rows, const char *const *keys, int only_ok, struct groups *out);
void groups_free(struct groups *g);
/* Median of column key over the group's rows (NaN if none has it). */
double group_median(const struct rowset *rows, const struct group *g, const char *key);

/* One line on f per figure of a point with outlier repetitions, naming the
 * point and the column; returns how many points have any. */
size_t summary_warn_outliers(FILE *f, const struct rowset *sum);
/* Builds summary rows and their columns from runs; returns how many points
 * have outliers (a reason to rerun them on a quieter machine). */
size_t summary_build(const struct rowset *runs, struct rowset *out, struct strv *cols);

#endif
