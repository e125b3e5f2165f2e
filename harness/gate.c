/* scbench gate: the CI performance gate. Runs a quick deterministic refos
 * sweep (ci/gate.sweep) and checks it against ci/gate.rules: shape rules
 * any correct build satisfies, and growth limits against the committed
 * baseline (ci/baseline.csv). Under -icount every figure repeats exactly,
 * so the limits can be tight. --write-baseline records a new baseline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "csv.h"
#include "gaterules.h"
#include "summary.h"

/* What the baseline keeps: the point, and the figures grow rules may
 * name (all of them, so a new grow rule needs no new baseline). */
static const char *const baseline_metrics[] = {
	"instr_per_op", "traps_per_op", "ecalls_per_op", "ctx_per_op", "ipis_per_op",
	"as_switches_per_op", NULL,
};

static void help(void)
{
	printf("usage: scbench gate [options]\n"
	       "\n"
	       "Runs the gate sweep on refos under -icount (exact and repeatable figures) and\n"
	       "checks every row against the rule file: 'require' rules any correct build\n"
	       "satisfies (sync traps at least once per call, ...), and 'grow' rules that\n"
	       "limit growth against the baseline of the same point. Each violation prints\n"
	       "one FAIL line: the rule, the point, the metric, the measured value, the\n"
	       "baseline and the limit.\n"
	       "\n"
	       "options:\n"
	       "  --rules FILE       rules (default ci/gate.rules; its top says the format)\n"
	       "  --baseline FILE    baseline (default ci/baseline.csv)\n"
	       "  --config FILE      the sweep to run (default ci/gate.sweep)\n"
	       "  --results DIR      check this result set instead of running the sweep\n"
	       "  -o, --output DIR   where the sweep's result set goes (default build/gate)\n"
	       "  --write-baseline   record this build's figures as the new baseline (after\n"
	       "                     the require rules pass): a deliberate act, commit it\n"
	       "                     saying why\n"
	       "  -j, --jobs N, --qemu PATH, --kernel PATH   as for scbench sweep\n"
	       "\n"
	       "exit status: 0 the gate passes (or the baseline was written), 1 a rule is\n"
	       "violated or a point failed, 2 usage error or a bad rule file.\n"
	       "\n"
	       "examples:\n"
	       "  scbench gate\n"
	       "  scbench gate --results build/gate --rules my.rules\n"
	       "  scbench gate --write-baseline\n");
}

static char *data_file(const char *given, const char *rel)
{
	if (given)
		return xstrdup(given);
	char *p = find_data_dir(rel);
	return p ? p : xstrdup(rel);
}

/* The sweep, through the same code path as `scbench sweep`. */
static int run_sweep(const char *config, const char *outdir, const char *jobs,
		     const char *qemu, const char *kernel)
{
	char *av[16];
	int n = 0;
	av[n++] = "scbench";
	av[n++] = "sweep";
	av[n++] = "--config";
	av[n++] = (char *)config;
	av[n++] = "-o";
	av[n++] = (char *)outdir;
	if (jobs)
		av[n++] = "-j", av[n++] = (char *)jobs;
	if (qemu)
		av[n++] = "--qemu", av[n++] = (char *)qemu;
	if (kernel)
		av[n++] = "--kernel", av[n++] = (char *)kernel;
	av[n] = NULL;
	return cmd_run(n - 1, av + 1, 1);
}

static int write_baseline(const char *path, const struct rowset *rows)
{
	struct strv cols;
	struct rowset out;
	strv_init(&cols);
	rowset_init(&out);
	for (const char *const *k = point_keys; *k; k++)
		strv_add(&cols, *k);
	for (const char *const *m = baseline_metrics; *m; m++)
		strv_add(&cols, *m);
	for (size_t i = 0; i < rows->n; i++) {
		struct row *r = rowset_add(&out);
		for (size_t c = 0; c < cols.n; c++)
			row_set(r, cols.v[c], row_str(&rows->rows[i], cols.v[c]));
	}
	int rc = csv_write_file(path, &cols, &out);
	strv_free(&cols);
	rowset_free(&out);
	return rc;
}

int cmd_gate(int argc, char **argv)
{
	const char *rules_arg = NULL, *base_arg = NULL, *config_arg = NULL, *results = NULL;
	const char *outdir = "build/gate", *jobs = NULL, *qemu = NULL, *kernel = NULL;
	int write = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq = strchr(a, '=');
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			help();
			return 0;
		}
		if (!strcmp(a, "--write-baseline")) {
			write = 1;
			continue;
		}
		static const char *const keys[] = {"--rules", "--baseline", "--config", "--results",
						   "-o", "--output", "-j", "--jobs", "--qemu",
						   "--kernel", NULL};
		size_t klen = eq ? (size_t)(eq - a) : strlen(a);
		int k = 0;
		while (keys[k] && (strlen(keys[k]) != klen || strncmp(keys[k], a, klen)))
			k++;
		if (!keys[k])
			return usage_error("gate", a[0] == '-' ? "unknown option '%s'"
							       : "unexpected argument '%s'", a);
		const char *val = opt_value(argc, argv, &i, eq);
		if (!val || !*val)
			return usage_error("gate", "%s needs a value", keys[k]);
		const char **dst[] = {&rules_arg, &base_arg, &config_arg, &results, &outdir,
				      &outdir, &jobs, &jobs, &qemu, &kernel};
		*dst[k] = val;
	}
	char err[400];
	int rc = 0;
	char *rules_path = data_file(rules_arg, "ci/gate.rules");
	char *base_path = data_file(base_arg, "ci/baseline.csv");
	char *config = data_file(config_arg, "ci/gate.sweep");
	char *runs = NULL;
	struct gate_rules rules;
	struct rowset rows, base;
	rowset_init(&rows);
	rowset_init(&base);
	if (gate_rules_load(rules_path, &rules, err, sizeof(err))) {
		rc = usage_error("gate", "%s", err);
		goto out;
	}
	if (!results) {
		/* A sweep that cannot start (no QEMU) writes nothing: an older
		 * runs.csv left here must not be judged in its place. */
		char *old;
		if (asprintf(&old, "%s/runs.csv", outdir) >= 0) {
			unlink(old);
			free(old);
		}
		int s = run_sweep(config, outdir, jobs, qemu, kernel);
		if (s == EXIT_USAGE || s == EXIT_INTERRUPTED) {
			rc = s;
			goto out;
		}
		/* Failed points are rows too: the rules say they fail. */
		results = outdir;
	}
	if (asprintf(&runs, "%s/runs.csv", results) < 0 ||
	    csv_read_file(runs, NULL, &rows, err, sizeof(err))) {
		fprintf(stderr, "scbench gate: %s\n", runs ? err : "out of memory");
		rc = EXIT_FAILED_POINTS;
		goto out;
	}
	int have_base = !write && access(base_path, R_OK) == 0;
	if (have_base && csv_read_file(base_path, NULL, &base, err, sizeof(err))) {
		fprintf(stderr, "scbench gate: %s\n", err);
		rc = EXIT_FAILED_POINTS;
		goto out;
	}
	if (!write && !have_base)
		printf("FAIL %s: no baseline (make baseline records one)\n", base_path);
	size_t bad = gate_check(&rules, &rows, have_base ? &base : NULL, stdout) + !(write || have_base);
	size_t nreq = 0, ngrow = 0;
	for (size_t i = 0; i < rules.n; i++)
		rules.v[i].grow ? ngrow++ : nreq++;
	if (write && !bad) {
		int w = write_baseline(base_path, &rows);
		if (w) {
			fprintf(stderr, "scbench gate: %s: %s\n", base_path, strerror(-w));
			rc = EXIT_FAILED_POINTS;
			goto out;
		}
		printf("scbench gate: wrote a NEW BASELINE, %s (%zu points, from %s): a deliberate "
		       "act; review the diff and commit it saying why the figures moved\n",
		       base_path, rows.n, runs);
	} else if (write)
		printf("scbench gate: %zu require rule violation%s: no baseline written (a "
		       "baseline from a broken build would bless it)\n", bad, bad == 1 ? "" : "s");
	else
		printf("scbench gate: %s: %zu points, %zu require and %zu grow rules (%s, baseline "
		       "%s): %zu violation%s\n", bad ? "FAILED" : "passed", rows.n, nreq, ngrow,
		       rules_path, base_path, bad, bad == 1 ? "" : "s");
	rc = bad ? EXIT_FAILED_POINTS : 0;
out:
	gate_rules_free(&rules);
	rowset_free(&rows);
	rowset_free(&base);
	free(runs);
	free(rules_path);
	free(base_path);
	free(config);
	return rc;
}
