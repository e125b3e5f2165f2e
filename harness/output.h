/* Where finished points go: the result set folder (runs.csv rewritten as
 * points finish, summary.csv and meta.json at the end) and stdout. */
#ifndef SCB_OUTPUT_H
#define SCB_OUTPUT_H

#include <stdio.h>

#include "derive.h"
#include "engine.h"
#include "meta.h"

struct output {
	char *dir, *logdir; /* NULL: no result set */
	const struct pointv *pts;
	const struct penalties *pen;
	struct meta_info *meta;
	struct row *rows; /* one per point, in point order */
	enum { HAVE_NONE, HAVE_MEMORY, HAVE_DISK } *have; /* where rows[i] is */
	double last_write;
};

/* prior[i] (prior may be NULL): a row point i already has, from the set in
 * dir being resumed. */
int output_open(struct output *o, const char *dir, const struct pointv *pts,
		const struct penalties *pen, struct meta_info *meta, const struct row *const *prior,
		char *err, size_t errlen);
/* engine callback; non-zero when runs.csv could not be written */
int output_point(void *ctx, const struct point *p, struct row *row, const struct proc *pr);
/* Final files; prints rows on stdout in format (csv, json, md) unless NULL.
 * When runs.csv cannot be written, the rows it lacks go to stdout (CSV). */
int output_close(struct output *o, const struct engine *e, const char *format, char *err, size_t errlen);

/* Rows on a stream: csv (every column), json (array of objects), md (the
 * columns a person reads). */
void print_rows(FILE *f, const char *format, const struct rowset *rows);

#endif
