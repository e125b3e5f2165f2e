/* Runs points in parallel (one process each, up to `jobs` at a time), with
 * a progress display, per-point logs, and Ctrl-C handling that stops every
 * process and returns what finished. A result set that cannot be written
 * (disk full, read-only) stops the sweep the same way. */
#ifndef SCB_ENGINE_H
#define SCB_ENGINE_H

#include "matrix.h"
#include "proc.h"
#include "row.h"
#include "target.h"

struct engine {
	const struct pointv *pts;
	const struct target_cfg *tcfg;
	int jobs;
	const char *logdir; /* per-point console logs; NULL: none */
	const char *skip;   /* non-zero: point i is not run (done before); NULL: none */
	int quiet;          /* no progress display */
	int fail_fast;      /* stop at the first failed point (--fail-fast) */
	/* The order the points start in (indices into pts); NULL: theirs. */
	const size_t *order;
	/* The run_order cell of the first point started (later ones count on
	 * from it); 0: 1. */
	size_t first_run;
	/* Called in the main loop for every point that finished (not for the
	 * ones Ctrl-C cut short); row is the judged result. Non-zero: the
	 * row could not be stored, stop the sweep. */
	int (*on_done)(void *ctx, const struct point *p, struct row *row, const struct proc *pr);
	void *ctx;
	size_t next_run; /* the next run_order cell */
	/* results */
	size_t done, failed;
	int interrupted; /* by a signal */
	int stopped;     /* by a write into the result set that failed */
	int failed_fast; /* by a failed point, under fail_fast */
};

int engine_run(struct engine *e);

#endif
