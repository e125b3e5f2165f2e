/* scbench validate: is the workload framework's pipe round trip what the
 * system's own benchmark measures? wl-host's sync pingpong at concurrency 1
 * against `perf bench sched pipe -T`, pinned alike, alternating.
 * workloads/tools/pipe-rtt.sh does the measuring (one copy of that logic);
 * this command checks the tools, runs it, and reports for people and for
 * machines. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cli.h"
#include "cpus.h"
#include "csv.h"
#include "opts.h"
#include "row.h"
#include "runcmd.h"
#include "spawn.h"

#define EXIT_MISSING_TOOL 3 /* as wl-host: "unavailable here" */

enum validate_opt { VO_CPUS = 1, VO_LOOPS, VO_RUNS };

static const struct opt validate_opts[] = {
	{"cpus", 0, "LIST", "CPUs both programs may use: 0 keeps both threads on\n"
	 "one CPU, 0,1 lets the scheduler place them", "0", VO_CPUS},
	{"loops", 0, "N", "round trips per run", "200000", VO_LOOPS},
	{"runs", 0, "R", "runs of each program", "5", VO_RUNS},
	OPT_END,
};
#define NVALIDATE (sizeof(validate_opts) / sizeof(*validate_opts) - 1)

static const struct cmd_spec validate_spec_text = {
	"validate", "[options]",
	"Measures one pipe round trip two ways: wl-host pingpong --backend sync\n"
	"--conc 1 --size 4 (two threads bouncing a token over two pipes) and\n"
	"perf bench sched pipe -T (the same, perf's code). Both run under the same\n"
	"taskset -c CPUS, alternating, several runs each; prints the median time\n"
	"per round trip of both, their ratio (wl-host / perf bench), the machine,\n"
	"and one @validate {json} line. A ratio near 1 says the framework adds\n"
	"little to what it measures. A benchmark: run it on an idle machine.\n",
	NULL,
	"exit status: 0 measured, 1 a run failed, 2 usage error, 3 a tool is missing\n"
	"(perf, taskset, wl-host).\n"
	"\n"
	"examples:\n"
	"  scbench validate\n"
	"  scbench validate --cpus 0,1 --runs 9\n"
	"  scbench validate --loops 20000 --runs 3 | grep '^@validate'\n",
	NULL,
};

struct validate_args {
	char cpus[1024];   /* the list as cpus_parse gives it back, for taskset */
	const char *host_bin;
	long loops, runs;
};

static int count_arg(const char *s, long max, long *v)
{
	char *end;
	errno = 0;
	long x = strtol(s, &end, 10);
	if (errno || end == s || *end || x < 1 || x > max)
		return -1;
	*v = x;
	return 0;
}


static int validate_set(void *ctx, const struct opt *o, const char *val, char *err,
			size_t errlen)
{
	struct validate_args *v = ctx;
	switch (o->id) {
	case VO_CPUS:
		return cpus_parse(o->name, val, 0, v->cpus, sizeof(v->cpus), err, errlen);
	case VO_LOOPS:
		if (count_arg(val, 100000000, &v->loops)) {
			snprintf(err, errlen, "--loops: '%s' is not a count from 1", val);
			return -1;
		}
		return 0;
	case VO_RUNS:
		if (count_arg(val, 1000, &v->runs)) {
			snprintf(err, errlen, "--runs: '%s' is not a count from 1 to 1000", val);
			return -1;
		}
		return 0;
	default: /* --host-bin */
		v->host_bin = val;
		return 0;
	}
}

/* Reads the command line, the table's defaults first; 0, 1 after --help,
 * or EXIT_USAGE. */
static int validate_parse(int argc, char **argv, struct validate_args *v)
{
	struct opt table[NVALIDATE + 2];
	struct cmd_spec spec = validate_spec_text;
	char err[200] = "";
	size_t npos;
	memcpy(table, validate_opts, NVALIDATE * sizeof(*table));
	table[NVALIDATE] = *run_option(RO_HOST_BIN);
	table[NVALIDATE + 1] = (struct opt)OPT_END;
	spec.opts = table;
	for (size_t i = 0; i <= NVALIDATE; i++)
		validate_set(v, &table[i], table[i].def, err, sizeof(err));
	return opts_parse(&spec, argc, argv, validate_set, v, NULL, 0, &npos);
}

static char *cpu_model(void)
{
	size_t len;
	char *text = read_whole_file("/proc/cpuinfo", &len);
	char *model = NULL;
	for (char *line = text ? strtok(text, "\n") : NULL; line && !model; line = strtok(NULL, "\n"))
		if (!strncmp(line, "model name", 10) && strchr(line, ':'))
			model = xstrdup(strchr(line, ':') + 2);
	free(text);
	return model ? model : xstrdup("unknown");
}

/* The @validate line pipe-rtt.sh printed, or NULL. */
static json_t *find_result(char *out)
{
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
		if (!strncmp(line, "@validate ", 10))
			return json_loads(line + 10, 0, NULL);
	return NULL;
}

static int report(json_t *res)
{
	double wl = json_number_value(json_object_get(res, "wl_rtt_ns"));
	double perf = json_number_value(json_object_get(res, "perf_rtt_ns"));
	double ratio = json_number_value(json_object_get(res, "ratio"));
	if (!(wl > 0 && perf > 0 && ratio > 0))
		return -1;
	struct utsname u;
	char *model = cpu_model();
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	uname(&u);
	printf("pipe round trip on CPUs %s, median of %lld runs of %lld round trips:\n",
	       json_string_value(json_object_get(res, "cpus")),
	       (long long)json_integer_value(json_object_get(res, "runs")),
	       (long long)json_integer_value(json_object_get(res, "loops")));
	printf("  wl-host pingpong (sync, conc 1, 4 bytes)  %10.1f ns\n", wl);
	printf("  perf bench sched pipe -T                  %10.1f ns\n", perf);
	printf("  ratio wl-host / perf bench                %10.3f\n", ratio);
	printf("machine: %s, %ld CPUs online, %s %s %s\n", model, ncpu, u.sysname, u.release,
	       u.machine);
	json_object_set_new(res, "cpu_model", json_string(model));
	json_object_set_new(res, "cpus_online", json_integer(ncpu));
	json_object_set_new(res, "kernel", json_string(u.release));
	json_object_set_new(res, "arch", json_string(u.machine));
	char *line = json_dumps(res, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	printf("@validate %s\n", line);
	fflush(stdout);
	/* Within 15% is the aim; outside it, say what usually
	 * explains it rather than leave a bare number. */
	if (ratio < 0.85 || ratio > 1.15)
		fprintf(stderr, "scbench validate: the two differ by more than 15%%. With several "
				"CPUs in --cpus the programs' threads may be placed apart (waking an idle "
				"CPU costs tens of microseconds) where the other's stay together: try "
				"--cpus 0. Otherwise rerun on an idle machine with more --runs.\n");
	free(line);
	free(model);
	return 0;
}

int cmd_validate(int argc, char **argv)
{
	struct validate_args v;
	int urc = validate_parse(argc, argv, &v);
	if (urc)
		return urc == 1 ? 0 : urc;
	const char *cpus = v.cpus, *host_bin = v.host_bin;
	long loops = v.loops, runs = v.runs;
	if (!executable(host_bin)) {
		fprintf(stderr, "scbench validate: host workload binary '%s' not found (make builds "
				"it; --host-bin PATH picks another)\n", host_bin);
		return EXIT_MISSING_TOOL;
	}
	static const char *const tools[][2] = {
		{"perf", "linux-perf"}, {"taskset", "util-linux"}};
	for (size_t t = 0; t < 2; t++)
		if (!executable(tools[t][0])) {
			fprintf(stderr, "scbench validate: %s is not installed (Debian package %s; "
					"make deps installs it)\n", tools[t][0], tools[t][1]);
			return EXIT_MISSING_TOOL;
		}
	char *script = find_data_dir("workloads/tools/pipe-rtt.sh");
	if (!script) {
		fprintf(stderr, "scbench validate: workloads/tools/pipe-rtt.sh not found (run from "
				"the source tree)\n");
		return EXIT_MISSING_TOOL;
	}
	char sl[32], sr[32];
	snprintf(sl, sizeof(sl), "%ld", loops);
	snprintf(sr, sizeof(sr), "%ld", runs);
	char *av[] = {"bash", script, "--cpus", (char *)cpus, "--loops", sl, "--runs", sr,
		      (char *)host_bin, NULL};
	char *out = NULL;
	int rc = spawn_capture(av, &out);
	json_t *res = rc == 0 ? find_result(out) : NULL;
	int bad = !res || report(res);
	if (bad)
		fprintf(stderr, "scbench validate: the measurement failed (%s exit status %d%s); "
				"see the lines above\n", script, rc, rc == 0 ? ", no usable @validate line" : "");
	json_decref(res);
	free(out);
	free(script);
	return bad ? (rc == EXIT_MISSING_TOOL ? EXIT_MISSING_TOOL : EXIT_FAILED_POINTS) : 0;
}
