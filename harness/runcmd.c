/* scbench run and scbench sweep: the same axes and the same engine; sweep
 * writes a result set, run prints rows (and writes a set only with -o). */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "coremodel.h"
#include "cpus.h"
#include "csv.h"
#include "emu.h"
#include "engine.h"
#include "hyperfine.h"
#include "meta.h"
#include "output.h"
#include "plancheck.h"
#include "pointargs.h"
#include "resume.h"
#include "runcmd.h"
#include "spawn.h"
#include "sweepfile.h"
#include "target_guest.h"
#include "target_linux.h"

static const char run_about[] =
	"Runs points (one by default) and prints their rows on stdout. With -o it\n"
	"also writes a result set like sweep.\n";
static const char sweep_about[] =
	"Runs every point of a matrix (workloads x configurations x conc x sizes x\n"
	"reps) in parallel (host points one at a time), every point's rep 0 before\n"
	"any rep 1, and writes a result set: runs.csv, summary.csv, meta.json and\n"
	"logs/ (one console log per point).\n";
static const char exit_status[] =
	"exit status: 0 every point ok, 1 a point failed, none ran or the result set\n"
	"could not be written (its missing rows then go to stdout), 2 usage error,\n"
	"130 interrupted (the result set then holds the finished points).\n"
	"\n"
	"examples:\n";
static const char run_examples[] =
	"  scbench run --workload echo --backend async --sqmode worker --notify uintr --conc 16\n"
	"  scbench run --workload pingpong --conc 1,4,16 --format csv\n"
	"  scbench run --target host --backend uring --conc 8 --format json\n"
	"  scbench run --knob crash=panic --timeout 10\n";
static const char sweep_examples[] =
	"  scbench sweep --workload echo --backend sync,async --conc 1..64 -o results/try\n"
	"  scbench sweep --backend async --sqmode enter,worker --notify poll,uintr \\\n"
	"      --conc 1,16,256 -o results/modes\n"
	"  scbench sweep --config ci/quick -o build/quick\n"
	"  scbench sweep --target host --workload pingpong --conc 1..64 -o results/host\n"
	"  scbench sweep --target host --backend sync,uring --conc 1,16 --reps 5 \\\n"
	"      --warmup 1 --cpus 0 -o results/host-pinned\n"
	"  scbench sweep --config ci/bench.sweep --shard 2/4 -o results/bench-2of4\n"
	"  scbench sweep --resume results/bench-2of4\n";

/* Options besides the axes; the axes come first in the help (see
 * cmd_table). Defaults written here are the ones run_request_init applies. */
static const struct opt run_opts[] = {
	OPT_HEADING("where and how:"),
	{"config", 0, "FILE", "a named sweep (e.g. ci/quick); flags override it", NULL, RO_CONFIG},
	{"output", 'o', "DIR", "result set folder", "none", RO_OUTPUT},
	{"force", 0, NULL, "let -o replace the result set already there (its rows\n"
	 "are lost; without it scbench refuses)", NULL, RO_FORCE},
	{"jobs", 'j', "N", "points run at once; host points time the machine\n"
	 "they share, so a plan with one runs one at a time", "the number of cores; 1 with a host point",
	 RO_JOBS},
	{"fail-fast", 0, NULL, "stop at the first failed point; the points still\n"
	 "running are cut short as by Ctrl-C, and --resume\n"
	 "runs them and the rest", NULL, RO_FAIL_FAST},
	{"qemu", 0, "PATH", "QEMU binary", "qemu-system-riscv64", RO_QEMU},
	{"kernel", 0, "PATH", "kernel", "build/refos", RO_KERNEL},
	{"host-bin", 0, "PATH", "host workload binary", "build/wl-host", RO_HOST_BIN},
	{"linux", 0, "DIR", "the Linux guest: DIR/" LINUX_IMAGE ", DIR/" LINUX_VMLINUX " and\n"
	 "DIR/" LINUX_INITRD " (make builds them)", LINUX_DIR_DEFAULT, RO_LINUX},
	{"plugin", 0, "PATH", "the emulator plugin (--instrument plugin)", EMU_PLUGIN_DEFAULT,
	 RO_PLUGIN},
	{"format", 0, "csv|json|md", "how the rows are printed on stdout (sweep: only\n"
	 "when given); json is one object, its schema_version\n"
	 "and its rows", "md", RO_FORMAT},
	{"dry-run", 0, NULL, "check every point and print its command; boot\n"
	 "nothing", NULL, RO_DRY_RUN},
	{"warmup", 0, "N", "host: N runs of a point right before each of its\n"
	 "counted runs, not counted (no rows; meta.json's\n"
	 "sweep.warmup says N). scbench's own, unlike --hf-warmup", "0", RO_WARMUP},
	{"cpus", 0, "LIST", "host: the CPUs wl-host runs on (0,2-3), given to its\n"
	 "--pin: task i on the (i mod n)-th listed; each must be\n"
	 "online and allowed to scbench", NULL, RO_CPUS},
	{"hyperfine", 0, NULL, "host: also time each point's whole process under\n"
	 "hyperfine (hf_mean_ns, hf_median_ns, hf_stddev_ns);\n"
	 "points then run one at a time unless -j is given", NULL, RO_HYPERFINE},
	{"hf-warmup", 0, "N", "hyperfine's own warm-up runs of its timed command\n"
	 "(--hyperfine; not scbench's --warmup)", "1", RO_HF_WARMUP},
	{"hf-runs", 0, "N", "hyperfine's timed runs", "10", RO_HF_RUNS},
	OPT_HEADING("cost model (modelled_cycles_per_op = instr + P_trap traps + P_as AS switches\n"
		    "+ P_ipi IPIs, per op):"),
	{"p-trap", 0, "C", "trap penalty in cycles", "0, or the profile's", RO_P_TRAP},
	{"p-as", 0, "C", "address-space switch penalty in cycles", "0, or the profile's", RO_P_AS},
	{"p-ipi", 0, "C", "IPI penalty in cycles", "0, or the profile's", RO_P_IPI},
	{"profile", 0, "NAME", "penalties of harness/profiles/NAME.profile", NULL, RO_PROFILE},
	{"core", 0, "NAME", "refos: the plugin's cache, TLB and trap-cost model with\n"
	 "the figures of " CORE_DIR "/NAME.core; modelled cycles\n"
	 "then add its miss and trap cycles (model_*, emu_cm_*)", NULL, RO_CORE},
	{"core-index", 0, "virt|phys", "the model's caches indexed by virtual or physical\n"
	 "address (physical: exact, slower)", "phys", RO_CORE_INDEX},
	OPT_END,
};

/* Options of sweep alone: a sweep spread over machines and finished later. */
static const struct opt sweep_opts[] = {
	OPT_HEADING("in pieces:"),
	{"shard", 0, "K/N", "run share K of N of the points (point i when i mod N\n"
	 "is K-1); scbench merge joins the shares", NULL, RO_SHARD},
	{"resume", 0, "DIR", "finish the set in DIR: run the points it lacks,\n"
	 "once its commit, tools and sweep match this build's.\n"
	 "The sweep is DIR/meta.json's; only -j, --qemu,\n"
	 "--kernel, --host-bin, --linux and --fail-fast may be\n"
	 "given with it", NULL, RO_RESUME},
	OPT_END,
};

/* Options whose table default is a value to apply, not a description. */
static const int applied_defaults[] = {RO_QEMU, RO_KERNEL, RO_HOST_BIN, RO_LINUX, RO_PLUGIN, RO_FORMAT,
				       RO_HF_WARMUP, RO_HF_RUNS, RO_CORE_INDEX, RO_WARMUP};

const struct opt *run_option(int id)
{
	const struct opt *o = opts_find(run_opts, id);
	return o ? o : opts_find(sweep_opts, id);
}

void run_request_init(struct run_request *r)
{
	char err[200];
	memset(r, 0, sizeof(*r));
	axes_init(&r->cli);
	for (size_t i = 0; i < sizeof(applied_defaults) / sizeof(*applied_defaults); i++)
		run_option_set(r, applied_defaults[i], run_option(applied_defaults[i])->def, err,
			       sizeof(err));
}

void run_request_free(struct run_request *r)
{
	axes_free(&r->cli);
}

static int parse_double(const char *s, double *v)
{
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	return errno || end == s || *end || !(*v >= 0) ? -1 : 0;
}

static int parse_count(const char *s, long min, long max, long *v)
{
	char *end;
	errno = 0;
	*v = strtol(s, &end, 10);
	return errno || end == s || *end || *v < min || *v > max ? -1 : 0;
}

int run_option_set(struct run_request *r, int id, const char *val, char *err, size_t errlen)
{
	const char *name = id < AX_COUNT ? NULL : run_option(id)->name;
	long n;
	switch (id) {
	case RO_CONFIG: r->config = val; return 0;
	case RO_OUTPUT: r->outdir = val; return 0;
	case RO_QEMU: r->qemu = val; return 0;
	case RO_KERNEL: r->kernel = val; return 0;
	case RO_HOST_BIN: r->host_bin = val; return 0;
	case RO_LINUX: r->linux_dir = val; return 0;
	case RO_PLUGIN: r->plugin = val; return 0;
	case RO_PROFILE: r->profile = val; return 0;
	case RO_CORE: r->core = val; return 0;
	case RO_CORE_INDEX:
		if (strcmp(val, "virt") && strcmp(val, "phys")) {
			snprintf(err, errlen, "--core-index: '%s' is not virt or phys", val);
			return -1;
		}
		r->core_index = val;
		return 0;
	case RO_DRY_RUN: r->dry_run = 1; return 0;
	case RO_FORCE: r->force = 1; return 0;
	case RO_FAIL_FAST: r->fail_fast = 1; return 0;
	case RO_RESUME: r->resume = val; return 0;
	case RO_SHARD: return shard_parse(val, &r->shard, err, errlen);
	case RO_HYPERFINE: r->hf.on = 1; return 0;
	case RO_JOBS:
		if (parse_count(val, 1, 1024, &n))
			break;
		r->jobs = (int)n;
		return 0;
	case RO_WARMUP:
		if (parse_count(val, 0, 1000, &n)) {
			snprintf(err, errlen, "--warmup: '%s' is not a count from 0 to 1000", val);
			return -1;
		}
		r->warmup = n;
		return 0;
	case RO_CPUS: /* given to wl-host's --pin */
		return cpus_parse(name, val, (int)WL_MAX_PIN, r->cpus, sizeof(r->cpus), err, errlen);
	case RO_HF_WARMUP:
	case RO_HF_RUNS: {
		long min = id == RO_HF_RUNS ? 2 : 0; /* a spread needs two runs */
		if (parse_count(val, min, 10000, &n)) {
			snprintf(err, errlen, "--%s: '%s' is not a count from %ld to 10000", name, val, min);
			return -1;
		}
		*(id == RO_HF_RUNS ? &r->hf.runs : &r->hf.warmup) = n;
		return 0;
	}
	case RO_FORMAT:
		if (strcmp(val, "csv") && strcmp(val, "json") && strcmp(val, "md")) {
			snprintf(err, errlen, "--format: '%s' is not one of csv json md", val);
			return -1;
		}
		r->format = val;
		return 0;
	case RO_P_TRAP:
	case RO_P_AS:
	case RO_P_IPI:
		if (parse_double(val, &r->p[id - RO_P_TRAP])) {
			snprintf(err, errlen, "--%s: '%s' is not a number of cycles >= 0", name, val);
			return -1;
		}
		r->pset[id - RO_P_TRAP] = 1;
		return 0;
	default:
		return axes_set(&r->cli, axes_name(id), val, err, errlen);
	}
	snprintf(err, errlen, "--jobs: '%s' is not a count from 1 to 1024", val);
	return -1;
}

static int set_from_table(void *ctx, const struct opt *o, const char *val, char *err, size_t errlen)
{
	struct run_request *r = ctx;
	r->given[o->id] = 1;
	return run_option_set(r, o->id, val, err, errlen);
}

/* The table of run or sweep: the axes, then the options above. */
static struct opt *cmd_table(int sweep)
{
	size_t nown = 0, nsweep = 0, sweep_opts_from = 0;
	while (run_opts[nown].name || run_opts[nown].help)
		nown++;
	while (sweep_opts[nsweep].name || sweep_opts[nsweep].help)
		nsweep++;
	if (!sweep) /* run: no sweep options, only the end of their table */
		sweep_opts_from = nsweep, nsweep = 0;
	struct opt *t = xmalloc((1 + AX_COUNT + nown + nsweep + 1) * sizeof(*t));
	t[0] = (struct opt)OPT_HEADING(
		"axes (a comma list each; integer axes also take a doubling range A..B):");
	axes_options(sweep, t + 1);
	memcpy(t + 1 + AX_COUNT, run_opts, nown * sizeof(*t));
	memcpy(t + 1 + AX_COUNT + nown, sweep_opts + sweep_opts_from, (nsweep + 1) * sizeof(*t));
	if (sweep)
		for (struct opt *o = t; o->name || o->help; o++)
			if (o->name && o->id == RO_OUTPUT)
				o->def = "results/NAME, NAME from --config or 'sweep'; a shard's: NAME-KofN";
	return t;
}

/* One block of the sweep (or the whole of it) into pts. What the workload
 * or the target would refuse, and the block's settings no point of its own
 * takes (they would be silently ignored), are refused here, before any
 * boot. 0, or -1 with err set. */
static int expand_block(struct axes *a, int sweep, unsigned block_given, const char *where,
			struct pointv *pts, int *clamped, char *err, size_t errlen)
{
	struct pointv own;
	memset(&own, 0, sizeof(own));
	matrix_expand(a, sweep, &own, clamped);
	int rc = 0;
	for (size_t i = 0; !rc && i < own.n; i++)
		rc = point_check(&own.v[i], err, errlen) || plan_check_point(&own.v[i], err, errlen);
	if (!rc)
		rc = plan_check_given(&own, 0, block_given, where, err, errlen);
	pointv_free(&own);
	matrix_expand(a, sweep, pts, clamped);
	return rc;
}

/* The settings of the sweep file's head and of the command line must each
 * apply to some point. */
static int check_plan(const struct run_request *o, const struct sweepfile *sf,
		      const struct pointv *pts, char *err, size_t errlen)
{
	char where[300];
	snprintf(where, sizeof(where), "%s: ", o->config ? o->config : "");
	if (o->config && plan_check_given(pts, 0, sf->global.set, where, err, errlen))
		return -1;
	const char *hf_setting = o->given[RO_HF_WARMUP] ? "hf-warmup" :
				 o->given[RO_HF_RUNS] ? "hf-runs" : NULL;
	return plan_check_given(pts, 0, o->cli.set, "", err, errlen) ||
	       plan_check_hyperfine(pts, o->hf.on, hf_setting, err, errlen) ||
	       (o->given[RO_WARMUP] &&
		plan_check_host_only(pts, "warmup", "a guest under -icount runs the same "
				     "instructions every time, so there is nothing to warm", err, errlen)) ||
	       (o->given[RO_CPUS] &&
		plan_check_host_only(pts, "cpus", "a guest's harts are QEMU's threads, which "
				     "scbench does not place", err, errlen)) ? -1 : 0;
}

/* Expands the configured sweep into points; returns 0 or EXIT_USAGE. */
static int build_points(const char *cmd, int sweep, struct run_request *o, struct pointv *pts, char **name)
{
	struct sweepfile sf;
	char err[400], where[300];
	int clamped = 0, bad = 0;
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
		if (sf.nblocks)
			snprintf(where, sizeof(where), "%s [%s]: ", o->config, sf.block_names[b]);
		bad |= expand_block(&a, sweep, sf.nblocks && !bad ? sf.blocks[b].set : 0, where, pts,
				    &clamped, err, sizeof(err));
		axes_free(&a);
	}
	if (bad || check_plan(o, &sf, pts, err, sizeof(err))) {
		sweepfile_free(&sf);
		pointv_free(pts);
		return usage_error(cmd, "%s", err);
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
static int point_done(void *ctx, const struct point *p, struct row *row, const struct proc *pr)
{
	struct run_ctx *c = ctx;
	hyperfine_point(p, c->tcfg, c->hf, row);
	return output_point(c->out, p, row, pr);
}

static int load_penalties(const char *cmd, const struct run_request *r, struct penalties *pen)
{
	char err[400];
	memset(pen, 0, sizeof(*pen));
	if (r->profile) {
		char *dir = find_data_dir("harness/profiles");
		int rc = profile_load(dir ? dir : "harness/profiles", r->profile, pen, err, sizeof(err));
		free(dir);
		if (rc)
			return usage_error(cmd, "%s", err);
	}
	if (r->pset[0]) pen->p_trap = r->p[0];
	if (r->pset[1]) pen->p_as = r->p[1];
	if (r->pset[2]) pen->p_ipi = r->p[2];
	return 0;
}

/* --core: the profile, checked before anything boots. The model lives in
 * the plugin, so every refos point loads it as if asked by name. */
static int load_core(const char *cmd, const struct run_request *r, struct pointv *pts,
		     struct core_profile *core, struct penalties *pen)
{
	char err[600];
	if (!r->core)
		return 0;
	char *dir = find_data_dir(CORE_DIR);
	int rc = core_load(dir ? dir : CORE_DIR, r->core, r->core_index, core, err, sizeof(err));
	free(dir);
	if (rc)
		return usage_error(cmd, "%s", err);
	for (size_t i = 0; i < pts->n; i++) {
		if (strcmp(pts->v[i].target, "refos"))
			continue;
		if (!pts->v[i].emu)
			return usage_error(cmd, "--core models in the emulator plugin: it cannot be "
					   "given with --instrument none");
		pts->v[i].emu_asked = 1;
	}
	pen->core = core->name;
	pen->core_sources = core->sources;
	return 0;
}

static void print_commands(const struct pointv *pts, const struct target_cfg *tcfg)
{
	for (size_t i = 0; i < pts->n; i++) {
		char **av = target_argv(&pts->v[i], tcfg);
		char *sh = argv_to_shell(av);
		printf("%s\n", sh);
		free(sh);
		argv_free(av);
	}
}

/* Missing tools: refos cannot run without QEMU and a kernel; the host
 * binary is another part's, so its points are skipped (marked in skip).
 * Returns 0 or EXIT_FAILED_POINTS; fills the meta counts. */
static int check_tools(const char *cmd, const struct run_request *r, struct pointv *pts,
		       char *skip, struct meta_info *meta)
{
	size_t nrefos = 0, nhost = 0, nguest = 0;
	for (size_t i = 0; i < pts->n; i++) {
		nrefos += strcmp(pts->v[i].target, "refos") == 0;
		nhost += strcmp(pts->v[i].target, "host") == 0;
		nguest += target_is_guest(pts->v[i].target);
	}
	/* linux's files are not checked here: a bad --linux is each point's
	 * failed row, with QEMU's reason. */
	if (nguest && !executable(r->qemu)) {
		fprintf(stderr, "scbench %s: QEMU '%s' not found (make deps installs "
				"qemu-system-misc; --qemu PATH picks another)\n", cmd, r->qemu);
		return EXIT_FAILED_POINTS;
	}
	if (nrefos && access(r->kernel, R_OK) != 0) {
		fprintf(stderr, "scbench %s: kernel '%s' not found (make builds it; --kernel PATH "
				"picks another)\n", cmd, r->kernel);
		return EXIT_FAILED_POINTS;
	}
	if (nhost && !executable(r->host_bin)) {
		fprintf(stderr, "scbench %s: host workload binary '%s' not found (make builds it; "
				"--host-bin PATH picks another): skipping %zu host point%s\n",
			cmd, r->host_bin, nhost, nhost == 1 ? "" : "s");
		for (size_t i = 0; i < pts->n; i++)
			if (strcmp(pts->v[i].target, "host") == 0)
				skip[i] = 1;
		meta->skipped = nhost;
		nhost = 0;
	}
	meta->qemu = nguest ? r->qemu : NULL;
	meta->kernel = nrefos ? r->kernel : NULL;
	meta->host_bin = nhost ? r->host_bin : NULL;
	if (r->hf.on && nhost && !executable("hyperfine"))
		fprintf(stderr, "scbench %s: --hyperfine: hyperfine is not installed (make deps "
				"installs it); the hf_* columns stay empty\n", cmd);
	return 0;
}

/* The emulator plugin for one target's points that want it (the kernel
 * ELF and its trap vector's symbol given): its arguments in *args, and
 * model_args after them (--core). When it cannot be loaded, a point that
 * asked for it by name stops the command (EXIT_FAILED_POINTS, like a
 * missing kernel); the others run without it, the reason (note, which
 * outlives the points) in their rows. */
static int prepare_emu(const char *cmd, const struct run_request *r, struct pointv *pts,
		       const char *target, const char *elf, const char *stvec,
		       const char *model_args, char **args, char *note, size_t notelen)
{
	size_t want = 0, asked = 0;
	for (size_t i = 0; i < pts->n; i++)
		if (strcmp(pts->v[i].target, target) == 0) {
			want += pts->v[i].emu;
			asked += pts->v[i].emu_asked;
		}
	*args = NULL;
	if (!want)
		return 0;
	char err[300];
	if (access(r->plugin, R_OK) != 0)
		snprintf(note, notelen, "plugin '%s' not found (make builds it; --plugin PATH picks "
			 "another)", r->plugin);
	else if (emu_args(elf, r->qemu, stvec, args, err, sizeof(err)) == 0) {
		char *with;
		if (model_args && asprintf(&with, "%s,%s", *args, model_args) >= 0) {
			free(*args);
			*args = with;
		}
		return 0;
	} else
		snprintf(note, notelen, "no plugin arguments: %s", err);
	/* Not asked for by name: the rows say why their emu_* cells are empty. */
	if (asked) {
		fprintf(stderr, "scbench %s: --instrument plugin: %s: %s\n", cmd, target, note);
		return EXIT_FAILED_POINTS;
	}
	for (size_t i = 0; i < pts->n; i++)
		if (pts->v[i].emu && strcmp(pts->v[i].target, target) == 0) {
			pts->v[i].emu = 0;
			pts->v[i].emu_note = note;
		}
	return 0;
}

static int choose_jobs(const struct run_request *r, const struct pointv *pts)
{
	if (r->jobs)
		return r->jobs;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int jobs = (int)(cpus > 0 ? cpus : 1);
	/* Without -icount, QEMU runs a thread per hart: fewer points at once. */
	long wide = 1;
	for (size_t i = 0; i < pts->n; i++)
		if (!pts->v[i].icount && pts->v[i].harts > wide)
			wide = pts->v[i].harts;
	if (wide > 1)
		jobs = jobs / wide > 1 ? (int)(jobs / wide) : 1;
	/* Timing one point while others run would time them too: host points,
	 * measured on the machine's clock, run one at a time unless -j says. */
	for (size_t i = 0; i < pts->n; i++)
		if (strcmp(pts->v[i].target, "host") == 0)
			return 1;
	return r->hf.on ? 1 : jobs;
}

/* What a sweep runs: its points (of this shard), those not to run, and the
 * rows of the set being resumed. */
struct plan {
	struct pointv pts;
	char *skip;
	const struct row **prior;
	struct rset set; /* --resume: the set in the folder */
	json_t *sweep;   /* meta.json's record of the whole sweep */
};

static void plan_free(struct plan *pl)
{
	pointv_free(&pl->pts);
	free(pl->skip);
	free(pl->prior);
	rset_free(&pl->set);
	json_decref(pl->sweep);
}

/* Rows of the set in dir; 0 when there is none. */
static size_t set_rows(const char *dir)
{
	char *path, err[300];
	struct rowset rows;
	rowset_init(&rows);
	if (asprintf(&path, "%s/runs.csv", dir) < 0)
		return 0;
	if (access(path, F_OK) == 0 && csv_read_file(path, NULL, &rows, err, sizeof(err)))
		rows.n = 1; /* unreadable, but a set: not ours to replace */
	size_t n = rows.n;
	rowset_free(&rows);
	free(path);
	return n;
}

static char *output_dir(const struct run_request *r, const char *name)
{
	char *dir = NULL;
	if (r->outdir)
		return xstrdup(r->outdir);
	/* Shards of one sweep land side by side, ready for scbench merge. */
	if (r->shard.n && asprintf(&dir, "results/%s-%ldof%ld", name ? name : "sweep", r->shard.k,
				   r->shard.n) >= 0)
		return dir;
	if (!r->shard.n && asprintf(&dir, "results/%s", name ? name : "sweep") >= 0)
		return dir;
	return NULL;
}

/* The points, run by the engine into a result set (or rows on stdout). */
static int run_engine(const char *cmd, int sweep, const struct run_request *r,
		      const struct target_cfg *t, struct plan *pl, struct meta_info *meta)
{
	char err[400], *outdir = NULL;
	struct target_cfg tcfg = *t;
	if ((r->outdir || sweep) && !(outdir = output_dir(r, meta->name)))
		return EXIT_FAILED_POINTS;
	/* Finished rows are not lost by a slip of -o: replacing them is asked for. */
	size_t had = outdir && !r->resume && !r->force ? set_rows(outdir) : 0;
	if (had) {
		int urc = usage_error(cmd, "-o %s already holds a result set (%zu row%s): --resume %s "
				      "finishes it, --force replaces it", outdir, had,
				      had == 1 ? "" : "s", outdir);
		free(outdir);
		return urc;
	}
	struct output out;
	meta->jobs = choose_jobs(r, &pl->pts);
	if (!meta->started[0]) /* a resumed set keeps its start */
		iso_now(meta->started, sizeof(meta->started));
	/* A folder that cannot take the set is a bad -o, found before any boot. */
	if (output_open(&out, outdir, &pl->pts, meta->pen, meta, pl->prior, err, sizeof(err))) {
		int urc = usage_error(cmd, "-o %s: %s", outdir, err);
		free(outdir);
		return urc;
	}
	/* Repetitions interleaved: every point's rep 0, then every rep 1, ...,
	 * so a drift of the machine (heat, another load) spreads over every
	 * point rather than landing on the last ones. */
	size_t *order = xmalloc((pl->pts.n ? pl->pts.n : 1) * sizeof(*order)), n = 0;
	long maxrep = 0;
	for (size_t i = 0; i < pl->pts.n; i++)
		if (pl->pts.v[i].rep > maxrep)
			maxrep = pl->pts.v[i].rep;
	for (long rep = 0; rep <= maxrep; rep++)
		for (size_t i = 0; i < pl->pts.n; i++)
			if (pl->pts.v[i].rep == rep)
				order[n++] = i;
	/* A resumed set counts on from its rows' runs. */
	size_t first_run = 1;
	for (size_t i = 0; pl->prior && i < pl->pts.n; i++) {
		long v = pl->prior[i] ? atol(row_str(pl->prior[i], "run_order")) : 0;
		if (v >= (long)first_run)
			first_run = (size_t)v + 1;
	}
	struct run_ctx rctx = {&out, &tcfg, &r->hf};
	struct engine e = {.pts = &pl->pts, .tcfg = &tcfg, .jobs = meta->jobs, .skip = pl->skip,
			   .logdir = out.logdir, .on_done = point_done, .ctx = &rctx,
			   .fail_fast = r->fail_fast, .order = order, .first_run = first_run};
	engine_run(&e);
	free(order);
	/* A second Ctrl-C must not cut the final files short: it waits until
	 * they are written. */
	sigset_t stop, old;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	/* A sweep's rows are in its set; on stdout only when a format is asked. */
	const char *format = sweep && !r->given[RO_FORMAT] ? NULL : r->format;
	int rc = output_close(&out, &e, format, err, sizeof(err));
	if (rc)
		fprintf(stderr, "scbench %s: %s\n", cmd, err);
	free(outdir);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (e.interrupted)
		return EXIT_INTERRUPTED;
	return rc || e.failed ? EXIT_FAILED_POINTS : 0;
}

/* The shard's points, the tools they need, and with --resume the rows the
 * set already has. Returns 0, EXIT_USAGE or EXIT_FAILED_POINTS. */
static int make_plan(const char *cmd, const struct run_request *r, struct plan *pl,
		     struct meta_info *meta)
{
	char err[700];
	pl->sweep = shard_points(&pl->pts, &r->shard);
	/* How the host points ran, beside which points there are. */
	json_object_set_new(pl->sweep, "warmup", json_integer(r->warmup));
	json_object_set_new(pl->sweep, "cpus", *r->cpus ? json_string(r->cpus) : json_null());
	json_object_set_new(pl->sweep, "rep_order", json_string("interleaved"));
	meta->sweep = pl->sweep;
	size_t n = pl->pts.n ? pl->pts.n : 1;
	pl->skip = xmalloc(n);
	memset(pl->skip, 0, n);
	int rc = check_tools(cmd, r, &pl->pts, pl->skip, meta);
	meta->planned = pl->pts.n - meta->skipped;
	if (!rc && r->resume) {
		pl->prior = xmalloc(n * sizeof(*pl->prior));
		if (resume_check(r->resume, meta, &pl->pts, &pl->set, pl->prior, err, sizeof(err)))
			return usage_error(cmd, "%s", err);
		for (size_t i = 0; i < pl->pts.n; i++)
			pl->skip[i] |= pl->prior[i] != NULL;
	}
	size_t left = 0;
	for (size_t i = 0; !rc && i < pl->pts.n; i++)
		left += !pl->skip[i];
	if (!rc && !left && r->resume)
		fprintf(stderr, "scbench %s: %s holds every point already: nothing to run\n", cmd,
			r->resume);
	else if (!rc && !left) {
		fprintf(stderr, "scbench %s: nothing to run\n", cmd);
		rc = EXIT_FAILED_POINTS;
	}
	return rc;
}

int run_points(const char *cmd, int sweep, struct run_request *r)
{
	struct plan pl;
	struct penalties pen;
	char *name = NULL;
	char *emu_args[GUEST_COUNT] = {0}, emu_note[GUEST_COUNT][400] = {""};
	struct core_profile core;
	memset(&pl, 0, sizeof(pl));
	memset(&core, 0, sizeof(core));
	int rc = build_points(cmd, sweep, r, &pl.pts, &name);
	for (size_t i = 0; !rc && i < pl.pts.n; i++)
		if (strcmp(pl.pts.v[i].target, "host") == 0) {
			pl.pts.v[i].warmup = r->warmup;
			pl.pts.v[i].pin = r->cpus;
		}
	if (!rc)
		rc = load_penalties(cmd, r, &pen);
	if (!rc)
		rc = load_core(cmd, r, &pl.pts, &core, &pen);
	struct target_cfg tcfg = {.qemu = r->qemu, .kernel = r->kernel, .host_bin = r->host_bin,
				  .plugin = r->plugin, .linux_dir = r->linux_dir};
	for (int i = 0; i < GUEST_COUNT && !rc; i++) {
		const struct guest_target *g = guest_at(i);
		char *elf = g->elf(&tcfg);
		/* --core: the model is refos's (load_core) */
		const char *model = strcmp(g->name, "refos") ? NULL : core.plugin_args;
		rc = prepare_emu(cmd, r, &pl.pts, g->name, elf, g->stvec_symbol, model, &emu_args[i],
				 emu_note[i], sizeof(emu_note[i]));
		tcfg.plugin_args[i] = emu_args[i];
		free(elf);
	}
	if (!rc && r->dry_run) {
		json_decref(shard_points(&pl.pts, &r->shard));
		print_commands(&pl.pts, &tcfg);
	} else if (!rc) {
		struct meta_info meta = {.argc = r->argc, .argv = r->argv, .name = name,
					 .config = r->config, .pen = &pen};
		rc = make_plan(cmd, r, &pl, &meta);
		if (!rc)
			rc = run_engine(cmd, sweep, r, &tcfg, &pl, &meta);
		json_decref(meta.resumed);
	}
	for (int i = 0; i < GUEST_COUNT; i++)
		free(emu_args[i]);
	core_free(&core);
	plan_free(&pl);
	free(name);
	return rc;
}

/* --resume DIR takes its sweep from DIR/meta.json; the command line may
 * only say where the tools are and how many points run at once. */
static int check_resume_options(const struct cmd_spec *spec, const struct run_request *given)
{
	static const int may[] = {RO_RESUME, RO_JOBS, RO_QEMU, RO_KERNEL, RO_HOST_BIN, RO_LINUX,
				  RO_FAIL_FAST};
	for (int id = 0; id < RO_COUNT; id++) {
		int ok = !given->given[id];
		for (size_t k = 0; k < sizeof(may) / sizeof(*may); k++)
			ok |= may[k] == id;
		if (!ok)
			return usage_error(spec->name, "--resume takes the sweep from %s/meta.json: "
					   "--%s cannot be given with it", given->resume,
					   opts_find(spec->opts, id)->name);
	}
	return 0;
}

/* The request the set in given->resume was made with, and the overrides of
 * this command line. *meta holds the strings r->argv points into. */
static int resume_request(const struct cmd_spec *spec, const struct run_request *given,
			  json_t **meta, struct run_request *r)
{
	const char *dir = given->resume;
	char *path;
	json_error_t je;
	size_t npos;
	run_request_init(r);
	int rc = check_resume_options(spec, given);
	if (rc || asprintf(&path, "%s/meta.json", dir) < 0)
		return rc ? rc : EXIT_FAILED_POINTS;
	*meta = json_load_file(path, 0, &je);
	json_t *argv = json_object_get(*meta, "argv");
	size_t n = json_array_size(argv);
	if (n < 2 || strcmp(json_string_value(json_array_get(argv, 1)) ?: "", "sweep")) {
		rc = usage_error(spec->name, "--resume: no result set to finish: %s: %s", path,
				 *meta ? "no sweep command line in it" : je.text);
		free(path);
		return rc;
	}
	free(path);
	r->argc = (int)n;
	r->argv = xmalloc((n + 1) * sizeof(*r->argv));
	for (size_t i = 0; i < n; i++)
		r->argv[i] = (char *)(json_string_value(json_array_get(argv, i)) ?: "");
	r->argv[n] = NULL;
	rc = opts_parse(spec, r->argc - 1, r->argv + 1, set_from_table, r, NULL, 0, &npos);
	if (rc)
		return usage_error(spec->name, "--resume: the command line in %s/meta.json is not "
				   "one this build takes", dir);
	r->resume = r->outdir = dir;
	if (given->given[RO_JOBS])
		r->jobs = given->jobs;
	r->fail_fast |= given->fail_fast;
	if (given->given[RO_QEMU])
		r->qemu = given->qemu;
	if (given->given[RO_KERNEL])
		r->kernel = given->kernel;
	if (given->given[RO_HOST_BIN])
		r->host_bin = given->host_bin;
	if (given->given[RO_LINUX])
		r->linux_dir = given->linux_dir;
	return 0;
}

static int resume(const struct cmd_spec *spec, const struct run_request *given)
{
	struct run_request r;
	json_t *meta = NULL;
	int rc = resume_request(spec, given, &meta, &r);
	if (!rc)
		rc = run_points(spec->name, 1, &r);
	free(r.argv);
	run_request_free(&r);
	json_decref(meta);
	return rc;
}

int cmd_run(int argc, char **argv, int sweep)
{
	struct run_request r;
	struct opt *table = cmd_table(sweep);
	struct cmd_spec spec = {sweep ? "sweep" : "run", "[options]", sweep ? sweep_about : run_about,
				table, NULL, NULL};
	char *tail;
	if (asprintf(&tail, "%s%s", exit_status, sweep ? sweep_examples : run_examples) < 0)
		return EXIT_FAILED_POINTS;
	spec.tail = tail;
	size_t npos;
	run_request_init(&r);
	/* argv[0] is the subcommand; meta.json records "scbench ..." */
	r.argc = argc + 1;
	r.argv = argv - 1;
	int rc = opts_parse(&spec, argc, argv, set_from_table, &r, NULL, 0, &npos);
	if (rc == 1)
		rc = 0;
	else if (!rc && r.resume)
		rc = resume(&spec, &r);
	else if (!rc)
		rc = run_points(spec.name, sweep, &r);
	run_request_free(&r);
	free(table);
	free(tail);
	return rc;
}
