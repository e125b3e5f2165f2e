/* scbench run and sweep as a function: what the command line asks for, as a
 * struct, so scbench gate runs its sweep through the same code. */
#ifndef SCB_RUNCMD_H
#define SCB_RUNCMD_H

#include "axes.h"
#include "hyperfine.h"
#include "opts.h"
#include "resume.h"

/* Options of run and sweep besides the axes (their ids follow the enum
 * axis values). */
enum run_opt {
	RO_CONFIG = AX_COUNT, RO_OUTPUT, RO_JOBS, RO_QEMU, RO_KERNEL, RO_HOST_BIN, RO_FORMAT,
	RO_DRY_RUN, RO_HYPERFINE, RO_HF_WARMUP, RO_HF_RUNS, RO_P_TRAP, RO_P_AS, RO_P_IPI,
	RO_PROFILE, RO_FORCE, RO_RESUME, RO_SHARD, RO_PLUGIN, RO_LINUX, RO_FAIL_FAST, RO_CORE,
	RO_CORE_INDEX, RO_WARMUP, RO_CPUS, RO_COUNT,
};

struct run_request {
	struct axes cli; /* axes given on the command line: they override --config's */
	const char *config, *outdir, *qemu, *kernel, *host_bin, *format, *profile, *plugin;
	const char *linux_dir; /* --linux: the Linux guest's files */
	const char *core, *core_index; /* --core NAME, --core-index virt|phys */
	double p[3]; /* --p-trap, --p-as, --p-ipi, where pset[] says they were given */
	int pset[3];
	int jobs, dry_run; /* jobs 0: chosen from the cores */
	struct hf_opts hf;
	long warmup;         /* --warmup: uncounted runs before each counted one (host) */
	char cpus[1024];     /* --cpus, as wl-host's --pin takes it; "": unpinned */
	int force;           /* --force: -o may replace a result set */
	int fail_fast;       /* --fail-fast: stop at the first failed point */
	const char *resume;  /* sweep --resume DIR */
	struct shard shard;  /* sweep --shard K/N; n 0: the whole sweep */
	char given[RO_COUNT]; /* the options the command line gave */
	int argc; /* the command line meta.json records */
	char **argv;
};

/* The defaults of every option (those the option table shows). */
void run_request_init(struct run_request *r);
void run_request_free(struct run_request *r);
/* Sets option `id` of run and sweep from its text; -1 with a message
 * naming the option in err. */
int run_option_set(struct run_request *r, int id, const char *val, char *err, size_t errlen);
/* The table entry of option `id` (not an axis), for subcommands that take
 * the same option (gate's --jobs, validate's --host-bin). */
const struct opt *run_option(int id);
/* Runs the request's points; cmd names the subcommand in messages, sweep
 * picks the sweep defaults and writes a result set. Returns the exit
 * status of scbench run and sweep. */
int run_points(const char *cmd, int sweep, struct run_request *r);

#endif
