/* hyperfine times the whole process (start-up included) with its own
 * warm-up and statistics; the row keeps them beside the workload's own
 * measured-region figures, which they complement rather than replace. */
#include "hyperfine.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spawn.h"

static void note(struct row *row, const char *why)
{
	row_set(row, "hf_note", why);
}

/* Seconds in the JSON become ns in the row; null (stddev of one run) or a
 * missing value leaves the cell empty. */
static void set_ns(struct row *row, const char *key, json_t *v)
{
	if (json_is_number(v))
		row_set_num(row, key, json_number_value(v) * 1e9);
	else
		row_set(row, key, "");
}

int hyperfine_merge(const char *json_path, struct row *row)
{
	json_error_t jerr;
	json_t *root = json_load_file(json_path, 0, &jerr);
	json_t *res = json_array_get(json_object_get(root, "results"), 0);
	json_t *mean = json_object_get(res, "mean");
	if (!json_is_number(mean)) {
		note(row, root ? "hyperfine's JSON has no results[0].mean"
			       : "hyperfine wrote no readable JSON");
		json_decref(root);
		return -1;
	}
	set_ns(row, "hf_mean_ns", mean);
	set_ns(row, "hf_median_ns", json_object_get(res, "median"));
	set_ns(row, "hf_stddev_ns", json_object_get(res, "stddev"));
	json_t *times = json_object_get(res, "times");
	if (json_is_array(times))
		row_setf(row, "hf_runs", "%zu", json_array_size(times));
	note(row, "");
	json_decref(root);
	return 0;
}

void hyperfine_point(const struct point *p, const struct target_cfg *t,
		     const struct hf_opts *o, struct row *row)
{
	if (!o->on)
		return;
	if (strcmp(p->target, "host")) {
		note(row, "refos: virtual time is exact, hyperfine is for host points");
		return;
	}
	if (strcmp(row_str(row, "status"), "ok")) {
		note(row, "not timed: the point failed");
		return;
	}
	if (!executable("hyperfine")) {
		note(row, "hyperfine is not installed (Debian package hyperfine; make deps)");
		return;
	}
	const char *tmpdir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/scbench-hf-XXXXXX.json", tmpdir && *tmpdir ? tmpdir : P_tmpdir);
	int fd = mkstemps(path, 5);
	if (fd < 0) {
		note(row, "no temporary file for hyperfine's JSON");
		return;
	}
	close(fd);
	char **av = target_argv(p, t);
	char *cmd = argv_to_shell(av);
	char warm[32], runs[32];
	snprintf(warm, sizeof(warm), "%ld", o->warmup);
	snprintf(runs, sizeof(runs), "%ld", o->runs);
	/* No shell in between: its start-up would be timed with the point. */
	char *hv[] = {"hyperfine", "--export-json", path, "--warmup", warm, "--runs", runs,
		      "--shell=none", "--style", "none", "--", cmd, NULL};
	int rc = spawn_quiet(hv);
	if (rc) {
		char why[120];
		snprintf(why, sizeof(why), "hyperfine exited with status %d (the command failed "
			 "in a timed run, or hyperfine could not start it)", rc);
		note(row, why);
	} else
		hyperfine_merge(path, row);
	unlink(path);
	free(cmd);
	argv_free(av);
}
