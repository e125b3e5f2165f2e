/* scbench run and scbench sweep: the same axes and the same engine; sweep
 * writes a result set, run prints rows (and writes a set only with -o). */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "engine.h"
#include "hyperfine.h"
#include "meta.h"
#include "output.h"
#include "spawn.h"
#include "sweepfile.h"

struct runopts {
	struct axes cli;
	const char *config, *outdir, *qemu, *kernel, *host_bin, *format, *profile;
	double p[3];
	int pset[3];
	int jobs, dry_run;
	struct hf_opts hf;
};

static void help(int sweep)
{
	printf("usage: scbench %s [options]\n\n", sweep ? "sweep" : "run");
	if (sweep)
		printf("Runs every point of a matrix (workloads x configurations x conc x sizes x\n"
		       "reps) in parallel and writes a result set: runs.csv, summary.csv,\n"
		       "meta.json and logs/ (one console log per point).\n\n");
	else
		printf("Runs points (one by default) and prints their rows on stdout. With -o it\n"
		       "also writes a result set like sweep.\n\n");
	printf("axes (a comma list each; integer axes also take a doubling range A..B):\n"
	       "  --target refos|host      where to run (default refos)\n"
	       "  --workload NAMES         null, echo, pingpong, stream (default echo)\n"
	       "  --backend NAMES          refos: sync, async; host: sync, epoll, uring,\n"
	       "                           uring-sqpoll (default %s)\n"
	       "  --sqmode enter,worker,poller  where refos serves the rings (default enter)\n"
	       "  --notify poll,wait,uintr how completions reach the program (default poll;\n"
	       "                           on the host only uring backends, their own default)\n"
	       "                           sqmode and notify multiply async backends only\n"
	       "  --harts N                refos harts (default 1)\n"
	       "  --hz N                   refos timer interrupts per second (default 100)\n"
	       "  --conc N                 concurrency: tasks (default %s)\n"
	       "  --size N                 bytes per message (default 64)\n"
	       "  --ops N                  operations per run, split among tasks (default 10000)\n"
	       "  --reps N                 repetitions (refos under -icount repeats exactly:\n"
	       "                           1 unless --force-reps)\n"
	       "  --timeout S              seconds before a point is killed (default 60)\n"
	       "  --knob K=V               extra kernel knob, repeatable (crash=panic, ...)\n"
	       "  --no-icount              refos on the wall clock, multi-threaded TCG\n"
	       "  --force-reps             keep --reps on icount runs\n"
	       "  --trace                  host: count with wl-host's tracer\n"
	       "\n"
	       "where and how:\n"
	       "  --config FILE            a named sweep (e.g. ci/quick); flags override it\n"
	       "  -o, --output DIR         result set folder (%s)\n"
	       "  -j, --jobs N             points run at once (default: the number of cores)\n"
	       "  --qemu PATH              QEMU binary (default qemu-system-riscv64)\n"
	       "  --kernel PATH            kernel (default build/refos)\n"
	       "  --host-bin PATH          host workload binary (default build/wl-host)\n"
	       "  --format csv|json|md     how run prints rows on stdout (default md)\n"
	       "  --dry-run                print the commands, run nothing\n"
	       "  --hyperfine              host: also time each point's whole process under\n"
	       "                           hyperfine (hf_mean_ns, hf_median_ns, hf_stddev_ns);\n"
	       "                           points then run one at a time unless -j is given\n"
	       "  --hf-warmup N, --hf-runs N  hyperfine's warm-up and timed runs (1, 10)\n"
	       "\n"
	       "cost model (modelled_cycles_per_op = instr + P_trap traps + P_as AS switches\n"
	       "+ P_ipi IPIs, per op; all penalties 0 unless given):\n"
	       "  --p-trap C, --p-as C, --p-ipi C   penalties in cycles\n"
	       "  --profile NAME           penalties of harness/profiles/NAME.profile\n"
	       "\n"
	       "exit status: 0 every point ok, 1 a point failed or none ran, 2 usage error,\n"
	       "130 interrupted (the result set then holds the finished points).\n"
	       "\n"
	       "examples:\n",
	       sweep ? "every backend of the target" : "sync", sweep ? "1..256" : "1",
	       sweep ? "default results/NAME, NAME from --config or 'sweep'" : "default: none");
	if (sweep)
		printf("  scbench sweep --workload echo --backend sync,async --conc 1..64 -o results/try\n"
		       "  scbench sweep --backend async --sqmode enter,worker --notify poll,uintr \\\n"
		       "      --conc 1,16,256 -o results/modes\n"
		       "  scbench sweep --config ci/quick -o /tmp/quick\n"
		       "  scbench sweep --target host --workload pingpong --conc 1..64 -o results/host\n");
	else
		printf("  scbench run --workload echo --backend async --sqmode worker --notify uintr --conc 16\n"
		       "  scbench run --workload pingpong --conc 1,4,16 --format csv\n"
		       "  scbench run --target host --backend uring --conc 8 --format json\n"
		       "  scbench run --knob crash=panic --timeout 10\n");
}

static int parse_double(const char *s, double *v)
{
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	return errno || end == s || *end || !(*v >= 0) ? -1 : 0;
}

/* 1 when help was printed, 0 ok, EXIT_USAGE on an error. */
static int parse_args(int argc, char **argv, const char *cmd, struct runopts *o)
{
	char err[400];
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			return 1;
		if (strncmp(a, "-", 1) || !strcmp(a, "-") || !strcmp(a, "--"))
			return usage_error(cmd, "unexpected argument '%s'", a);
		char key[64];
		const char *eq = strchr(a, '=');
		const char *name = a[1] == '-' ? a + 2 : a + 1;
		snprintf(key, sizeof(key), "%.*s", (int)(eq ? eq - name : (long)strlen(name)), name);
		int takes;
		if (axes_key(key, &takes) >= 0 && a[1] == '-') {
			const char *val = takes ? opt_value(argc, argv, &i, eq) : eq ? eq + 1 : NULL;
			if (takes && !val)
				return usage_error(cmd, "--%s needs a value", key);
			if (axes_set(&o->cli, key, val, err, sizeof(err)))
				return usage_error(cmd, "%s", err);
			continue;
		}
		if (!strcmp(a, "--dry-run")) {
			o->dry_run = 1;
			continue;
		}
		if (!strcmp(a, "--hyperfine")) {
			o->hf.on = 1;
			continue;
		}
		static const char *const valued[] = {
			"o", "output", "j", "jobs", "config", "qemu", "kernel", "host-bin",
			"format", "profile", "p-trap", "p-as", "p-ipi", "hf-warmup", "hf-runs", NULL,
		};
		int k = 0;
		while (valued[k] && strcmp(valued[k], key))
			k++;
		if (!valued[k] || (a[1] == '-') != (strlen(key) > 1))
			return usage_error(cmd, "unknown option '%s'", a);
		const char *val = opt_value(argc, argv, &i, eq);
		if (!val || !*val)
			return usage_error(cmd, "%s needs a value", a[1] == '-' ? a : key[0] == 'o' ? "-o" : "-j");
		if (!strcmp(key, "o") || !strcmp(key, "output"))
			o->outdir = val;
		else if (!strcmp(key, "j") || !strcmp(key, "jobs")) {
			char *end;
			long j = strtol(val, &end, 10);
			if (*end || j < 1 || j > 1024)
				return usage_error(cmd, "--jobs: '%s' is not a count from 1 to 1024", val);
			o->jobs = (int)j;
		} else if (!strcmp(key, "hf-warmup") || !strcmp(key, "hf-runs")) {
			char *end;
			long n = strtol(val, &end, 10);
			long min = key[3] == 'r' ? 2 : 0; /* a spread needs two runs */
			if (*end || end == val || n < min || n > 10000)
				return usage_error(cmd, "--%s: '%s' is not a count from %ld to 10000",
						   key, val, min);
			*(key[3] == 'r' ? &o->hf.runs : &o->hf.warmup) = n;
		} else if (!strcmp(key, "config"))
			o->config = val;
		else if (!strcmp(key, "qemu"))
			o->qemu = val;
		else if (!strcmp(key, "kernel"))
			o->kernel = val;
		else if (!strcmp(key, "host-bin"))
			o->host_bin = val;
		else if (!strcmp(key, "profile"))
			o->profile = val;
		else if (!strcmp(key, "format")) {
			if (strcmp(val, "csv") && strcmp(val, "json") && strcmp(val, "md"))
				return usage_error(cmd, "--format: '%s' is not one of csv json md", val);
			o->format = val;
		} else {
			int p = key[2] == 't' ? 0 : key[2] == 'a' ? 1 : 2;
			if (parse_double(val, &o->p[p]))
				return usage_error(cmd, "--%s: '%s' is not a number of cycles >= 0", key, val);
			o->pset[p] = 1;
		}
	}
	return 0;
}

/* Expands the configured sweep into points; returns 0 or EXIT_USAGE. */
static int build_points(const char *cmd, int sweep, struct runopts *o, struct pointv *pts, char **name)
{
	struct sweepfile sf;
	char err[400];
	int clamped = 0;
	memset(&sf, 0, sizeof(sf));
	if (o->config && sweepfile_load(o->config, &sf, err, sizeof(err)))
		return usage_error(cmd, "%s", err);
	size_t nb = sf.nblocks ? sf.nblocks : 1;
	for (size_t b = 0; b < nb; b++) {
		struct axes a;
		axes_init(&a);
		axes_merge(&a, &sf.global);
		if (sf.nblocks)
			axes_merge(&a, &sf.blocks[b]);
		axes_merge(&a, &o->cli);
		axes_defaults(&a, sweep);
		matrix_expand(&a, sweep, pts, &clamped);
		axes_free(&a);
	}
	if (clamped)
		fprintf(stderr, "scbench %s: refos under -icount repeats exactly, so --reps > 1 "
				"measures nothing new; running 1 repetition (--force-reps to insist, "
				"--no-icount for wall-clock runs)\n", cmd);
	if (sf.name)
		*name = xstrdup(sf.name);
	sweepfile_free(&sf);
	return 0;
}

struct run_ctx {
	struct output *out;
	const struct target_cfg *tcfg;
	const struct hf_opts *hf;
};

/* Finished points: timed under hyperfine when asked, then stored. */
static void point_done(void *ctx, const struct point *p, struct row *row, const struct proc *pr)
{
	struct run_ctx *c = ctx;
	hyperfine_point(p, c->tcfg, c->hf, row);
	output_point(c->out, p, row, pr);
}

int cmd_run(int argc, char **argv, int sweep)
{
	const char *cmd = sweep ? "sweep" : "run";
	struct runopts o = {.qemu = "qemu-system-riscv64", .kernel = "build/refos",
			    .host_bin = "build/wl-host", .format = "md",
			    .hf = {.warmup = 1, .runs = 10}};
	struct pointv pts = {0};
	char *name = NULL;
	char err[400];
	axes_init(&o.cli);
	int rc = parse_args(argc, argv, cmd, &o);
	if (rc == 1) {
		help(sweep);
		return 0;
	}
	if (rc || (rc = build_points(cmd, sweep, &o, &pts, &name)))
		return rc;

	struct penalties pen = {0};
	if (o.profile) {
		char *dir = find_data_dir("harness/profiles");
		if (profile_load(dir ? dir : "harness/profiles", o.profile, &pen, err, sizeof(err))) {
			free(dir);
			return usage_error(cmd, "%s", err);
		}
		free(dir);
	}
	if (o.pset[0]) pen.p_trap = o.p[0];
	if (o.pset[1]) pen.p_as = o.p[1];
	if (o.pset[2]) pen.p_ipi = o.p[2];

	struct target_cfg tcfg = {o.qemu, o.kernel, o.host_bin};
	if (o.dry_run) {
		for (size_t i = 0; i < pts.n; i++) {
			char **av = target_argv(&pts.v[i], &tcfg);
			char *sh = argv_to_shell(av);
			printf("%s\n", sh);
			free(sh);
			argv_free(av);
		}
		pointv_free(&pts);
		return 0;
	}
	/* Missing tools: refos cannot run without QEMU and a kernel; the
	 * host binary is another part's, so its points are skipped. */
	size_t nrefos = 0, nhost = 0, skipped = 0;
	for (size_t i = 0; i < pts.n; i++)
		*pts.v[i].target == 'r' ? nrefos++ : nhost++;
	if (nrefos && !executable(o.qemu)) {
		fprintf(stderr, "scbench %s: QEMU '%s' not found (make deps installs "
				"qemu-system-misc; --qemu PATH picks another)\n", cmd, o.qemu);
		return EXIT_FAILED_POINTS;
	}
	if (nrefos && access(o.kernel, R_OK) != 0) {
		fprintf(stderr, "scbench %s: kernel '%s' not found (make builds it; --kernel PATH "
				"picks another)\n", cmd, o.kernel);
		return EXIT_FAILED_POINTS;
	}
	if (nhost && !executable(o.host_bin)) {
		fprintf(stderr, "scbench %s: host workload binary '%s' not found (make builds it; "
				"--host-bin PATH picks another): skipping %zu host point%s\n",
			cmd, o.host_bin, nhost, nhost == 1 ? "" : "s");
		size_t k = 0;
		for (size_t i = 0; i < pts.n; i++)
			if (*pts.v[i].target == 'r')
				pts.v[k++] = pts.v[i];
			else
				point_free(&pts.v[i]);
		skipped = pts.n - k;
		pts.n = k;
		for (size_t i = 0; i < pts.n; i++)
			pts.v[i].idx = i;
	}
	if (pts.n == 0) {
		fprintf(stderr, "scbench %s: nothing to run\n", cmd);
		pointv_free(&pts);
		return EXIT_FAILED_POINTS;
	}

	char *outdir = NULL;
	if (o.outdir)
		outdir = xstrdup(o.outdir);
	else if (sweep && asprintf(&outdir, "results/%s", name ? name : "sweep") < 0)
		return EXIT_FAILED_POINTS;
	struct output out;
	struct meta_info meta = {.argc = argc + 1, .argv = argv - 1, .name = name, .config = o.config,
				 .qemu = nrefos ? o.qemu : NULL, .kernel = nrefos ? o.kernel : NULL,
				 .host_bin = nhost ? o.host_bin : NULL, .pen = &pen,
				 .planned = pts.n, .skipped = skipped};
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	meta.jobs = o.jobs ? o.jobs : (int)(cpus > 0 ? cpus : 1);
	/* Without -icount, QEMU runs a thread per hart: fewer points at once. */
	long wide = 1;
	for (size_t i = 0; i < pts.n; i++)
		if (!pts.v[i].icount && pts.v[i].harts > wide)
			wide = pts.v[i].harts;
	if (!o.jobs && wide > 1)
		meta.jobs = meta.jobs / wide > 1 ? (int)(meta.jobs / wide) : 1;
	/* Timing one point while others run would time them too. */
	if (!o.jobs && o.hf.on)
		meta.jobs = 1;
	if (o.hf.on && nhost && !executable("hyperfine"))
		fprintf(stderr, "scbench %s: --hyperfine: hyperfine is not installed (make deps "
				"installs it); the hf_* columns stay empty\n", cmd);
	iso_now(meta.started, sizeof(meta.started));
	if (output_open(&out, outdir, &pts, &pen, &meta, err, sizeof(err))) {
		fprintf(stderr, "scbench %s: %s\n", cmd, err);
		return EXIT_FAILED_POINTS;
	}
	struct run_ctx rctx = {&out, &tcfg, &o.hf};
	struct engine e = {.pts = &pts, .tcfg = &tcfg, .jobs = meta.jobs,
			   .logdir = out.logdir, .on_done = point_done, .ctx = &rctx};
	engine_run(&e);
	rc = output_close(&out, &e, sweep ? NULL : o.format, err, sizeof(err));
	if (rc)
		fprintf(stderr, "scbench %s: %s\n", cmd, err);
	pointv_free(&pts);
	free(outdir);
	free(name);
	if (e.interrupted)
		return EXIT_INTERRUPTED;
	return rc || e.failed ? EXIT_FAILED_POINTS : 0;
}
