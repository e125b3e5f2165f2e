/* The data gnuplot reads: one CSV per (target, workload, size) with one
 * block per configuration (curve), medians per concurrency level. */
#ifndef SCB_PLOTDATA_H
#define SCB_PLOTDATA_H

#include <stddef.h>

#include "row.h"

struct plotfig {
	char *svg, *png, *pdf, *what;
};

struct curve {
	char *label;
	char *style; /* its key in plots/styles.gp */
	size_t *idx; /* rows of the curve */
	size_t n;
};

struct plotgroup {
	char *target, *workload, *size;
	char *stem;  /* file name stem: refos-echo-s64 */
	char *title; /* for people: echo, 64 B messages, refos */
	struct curve *curves;
	size_t ncurves;
	struct plotfig *figs;
	size_t nfigs;
};

struct plotset {
	struct plotgroup *g;
	size_t n;
};

/* Groups the ok rows into figures (target, workload, size) and curves. */
int plotdata_groups(const struct rowset *rows, struct plotset *ps, char *err, size_t errlen);
/* Writes the data of one figure: a block per curve that has a value in
 * column (untraced: leave traced host curves out when untraced ones exist),
 * source (the result set's commit and machine, for the caption; may be
 * NULL) on a comment line first. Returns the number of curves (0: no
 * file), or -1. */
int plotdata_figure(const struct rowset *rows, const struct plotgroup *pg, const char *column,
		    int untraced, const char *source, const char *path, char *err, size_t errlen);
/* The caption line of a result set's figures from DIR/meta.json: commit,
 * date, machine, emulator (malloc'd; NULL when there is no meta.json). */
char *plotdata_source(const char *dir, const struct rowset *rows);
/* When the result set in DIR was measured (meta.json's "started"), in
 * seconds since the epoch; -1 when it does not say. */
long long plotdata_started(const char *dir);
void plotgroup_add_figure(struct plotgroup *g, const char *svg, const char *png, const char *pdf,
			  const char *what);
/* OUTDIR/summary.md: the figures and the medians as tables. */
int plotdata_markdown(const struct rowset *rows, const struct plotset *ps, const char *outdir,
		      char *err, size_t errlen);
void plotset_free(struct plotset *ps);

#endif
