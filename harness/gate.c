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
#include "columns.h"
#include "csv.h"
#include "gaterules.h"
#include "runcmd.h"
#include "summary.h"


enum gate_opt { GO_RULES = 1000, GO_BASELINE, GO_CONFIG, GO_RESULTS, GO_OUTPUT, GO_WRITE };

static const struct opt gate_opts[] = {
	{"rules", 0, "FILE", "rules (its top says the format)", "ci/gate.rules", GO_RULES},
	{"baseline", 0, "FILE", "baseline", "ci/baseline.csv", GO_BASELINE},
	{"config", 0, "FILE", "the sweep to run", "ci/gate.sweep", GO_CONFIG},
	{"results", 0, "DIR", "check this result set instead of running the sweep", NULL, GO_RESULTS},
	{"output", 'o', "DIR", "where the sweep's result set goes", "build/gate", GO_OUTPUT},
	{"write-baseline", 0, NULL, "record this build's figures as the new baseline (after\n"
	 "the require rules pass): a deliberate act, commit it\n"
	 "saying why", NULL, GO_WRITE},
	OPT_END,
};
/* Options of scbench sweep that the gate passes on to its sweep. */
static const int sweep_opts[] = {RO_JOBS, RO_QEMU, RO_KERNEL};
#define NGATE (sizeof(gate_opts) / sizeof(*gate_opts) - 1)
#define NSWEEP (sizeof(sweep_opts) / sizeof(*sweep_opts))

static const struct cmd_spec gate_spec_text = {
	"gate", "[options]",
	"Runs the gate sweep on refos under -icount (exact and repeatable figures) and\n"
	"checks every row against the rule file: 'require' rules any correct build\n"
	"satisfies (sync traps at least once per call, ...), and 'grow' rules that\n"
	"limit growth against the baseline of the same point. Each violation prints\n"
	"one FAIL line: the rule, the point, the metric, the measured value, the\n"
	"baseline and the limit.\n",
	NULL,
	"exit status: 0 the gate passes (or the baseline was written), 1 a rule is\n"
	"violated or a point failed, 2 usage error or a bad rule file.\n"
	"\n"
	"examples:\n"
	"  scbench gate\n"
	"  scbench gate --results build/gate --rules my.rules\n"
	"  scbench gate --write-baseline\n",
	NULL,
};

struct gate_args {
	const char *rules, *baseline, *results;
	int write;
	struct run_request sweep; /* config, outdir, jobs, qemu, kernel */
};

static int gate_set(void *ctx, const struct opt *o, const char *val, char *err, size_t errlen)
{
	struct gate_args *g = ctx;
	switch (o->id) {
	case GO_RULES: g->rules = val; return 0;
	case GO_BASELINE: g->baseline = val; return 0;
	case GO_CONFIG: g->sweep.config = val; return 0;
	case GO_RESULTS: g->results = val; return 0;
	case GO_OUTPUT: g->sweep.outdir = val; return 0;
	case GO_WRITE: g->write = 1; return 0;
	default: return run_option_set(&g->sweep, o->id, val, err, errlen);
	}
}

/* Reads the command line; 0, 1 after --help, or EXIT_USAGE. */
static int gate_parse(int argc, char **argv, struct gate_args *g)
{
	struct opt table[NGATE + NSWEEP + 1];
	struct cmd_spec spec = gate_spec_text;
	size_t npos;
	memcpy(table, gate_opts, NGATE * sizeof(*table));
	for (size_t i = 0; i < NSWEEP; i++)
		table[NGATE + i] = *run_option(sweep_opts[i]);
	table[NGATE + NSWEEP] = (struct opt)OPT_END;
	spec.opts = table;
	memset(g, 0, sizeof(*g));
	run_request_init(&g->sweep);
	g->sweep.outdir = opts_find(gate_opts, GO_OUTPUT)->def;
	g->sweep.argc = argc + 1;
	g->sweep.argv = argv - 1;
	return opts_parse(&spec, argc, argv, gate_set, g, NULL, 0, &npos);
}

static char *data_file(const char *given, const char *rel)
{
	if (given)
		return xstrdup(given);
	char *p = find_data_dir(rel);
	return p ? p : xstrdup(rel);
}

static int write_baseline(const char *path, const struct rowset *rows)
{
	struct strv cols;
	struct rowset out;
	strv_init(&cols);
	rowset_init(&out);
	for (const char *const *k = point_keys(); *k; k++)
		strv_add(&cols, *k);
	/* What the baseline keeps: the point, and the figures grow rules may
	 * name (the schema's gate list: a new grow rule needs no new baseline). */
	for (const char *const *m = columns_role_names(ROLE_GATE); *m; m++)
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

/* Checks the rows against the rules and the baseline, or records them as
 * the new baseline; prints the verdict. Returns the exit status. */
static int verdict(const struct gate_rules *rules, const struct rowset *rows, const char *runs,
		   const char *rules_path, const char *base_path, int write)
{
	char err[400];
	struct rowset base;
	rowset_init(&base);
	int have_base = !write && access(base_path, R_OK) == 0;
	if (have_base && csv_read_file(base_path, NULL, &base, err, sizeof(err))) {
		fprintf(stderr, "scbench gate: %s\n", err);
		return EXIT_FAILED_POINTS;
	}
	if (!write && !have_base)
		printf("FAIL %s: no baseline (make baseline records one)\n", base_path);
	size_t bad = gate_check(rules, rows, have_base ? &base : NULL, stdout) + !(write || have_base);
	rowset_free(&base);
	size_t nreq = 0, ngrow = 0;
	for (size_t i = 0; i < rules->n; i++)
		rules->v[i].grow ? ngrow++ : nreq++;
	if (write && !bad) {
		int w = write_baseline(base_path, rows);
		if (w) {
			fprintf(stderr, "scbench gate: %s: %s\n", base_path, strerror(-w));
			return EXIT_FAILED_POINTS;
		}
		printf("scbench gate: wrote a NEW BASELINE, %s (%zu points, from %s): a deliberate "
		       "act; review the diff and commit it saying why the figures moved\n",
		       base_path, rows->n, runs);
	} else if (write)
		printf("scbench gate: %zu require rule violation%s: no baseline written (a "
		       "baseline from a broken build would bless it)\n", bad, bad == 1 ? "" : "s");
	else
		printf("scbench gate: %s: %zu points, %zu require and %zu grow rules (%s, baseline "
		       "%s): %zu violation%s\n", bad ? "FAILED" : "passed", rows->n, nreq, ngrow,
		       rules_path, base_path, bad, bad == 1 ? "" : "s");
	return bad ? EXIT_FAILED_POINTS : 0;
}

int cmd_gate(int argc, char **argv)
{
	struct gate_args g;
	int rc = gate_parse(argc, argv, &g);
	if (rc) {
		run_request_free(&g.sweep);
		return rc == 1 ? 0 : rc;
	}
	const char *results = g.results, *outdir = g.sweep.outdir;
	char err[400];
	char *rules_path = data_file(g.rules, opts_find(gate_opts, GO_RULES)->def);
	char *base_path = data_file(g.baseline, opts_find(gate_opts, GO_BASELINE)->def);
	char *config = data_file(g.sweep.config, opts_find(gate_opts, GO_CONFIG)->def);
	char *runs = NULL;
	struct gate_rules rules;
	struct rowset rows;
	rowset_init(&rows);
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
		/* The sweep, through the same code path as `scbench sweep`. */
		g.sweep.config = config;
		int s = run_points("gate", 1, &g.sweep);
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
	rc = verdict(&rules, &rows, runs, rules_path, base_path, g.write);
out:
	gate_rules_free(&rules);
	rowset_free(&rows);
	free(runs);
	free(rules_path);
	free(base_path);
	free(config);
	run_request_free(&g.sweep);
	return rc;
}
