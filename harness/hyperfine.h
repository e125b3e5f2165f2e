/* Whole-process timing of a host point under hyperfine: warm-up runs, a
 * fixed number of timed runs, and their statistics merged into the row. */
#ifndef SCB_HYPERFINE_H
#define SCB_HYPERFINE_H

#include "matrix.h"
#include "row.h"
#include "target.h"

struct hf_opts {
	int on;
	long warmup, runs;
};

/* Runs the point's command under hyperfine and sets hf_mean_ns,
 * hf_median_ns, hf_stddev_ns, hf_runs; when it cannot (no hyperfine, a
 * failed point, a refos point, hyperfine failing) those stay empty and
 * hf_note says why. */
void hyperfine_point(const struct point *p, const struct target_cfg *t,
		     const struct hf_opts *o, struct row *row);

/* Reads hyperfine's --export-json file into the row (exposed for tests).
 * Returns 0, or -1 with a reason in hf_note. */
int hyperfine_merge(const char *json_path, struct row *row);

#endif
