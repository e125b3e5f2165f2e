/* scbench: runs workloads on refos (under QEMU) and on the host, sweeps the
 * axes, writes result sets, renders figures and compares result sets. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "derive.h"
#include "row.h"
#include "version.h"

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "scbench %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'scbench %s --help'.\n", cmd);
	return EXIT_USAGE;
}

char *find_data_dir(const char *rel)
{
	if (access(rel, R_OK) == 0)
		return xstrdup(rel);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = 0;
	for (int up = 0; up < 2; up++) {
		char *slash = strrchr(exe, '/');
		if (!slash)
			return NULL;
		*slash = 0;
	}
	char *path;
	if (asprintf(&path, "%s/%s", exe, rel) < 0)
		return NULL;
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	return NULL;
}

static void help(FILE *f)
{
	fprintf(f, "usage: scbench COMMAND [options]\n"
	       "\n"
	       "Measures synchronous against asynchronous system calls on refos (under\n"
	       "QEMU) and on the host, and renders what it measured.\n"
	       "\n"
	       "commands:\n"
	       "  run       run points and print their rows (one point by default)\n"
	       "  sweep     run a matrix of points into a result set (runs.csv, summary.csv,\n"
	       "            meta.json, logs/)\n"
	       "  plot      render a result set's figures with gnuplot, and a Markdown table\n"
	       "  compare   per-point ratios between two result sets\n"
	       "  merge     join result sets (the shards of a sweep) into one\n"
	       "  gate      the CI performance gate: a quick refos sweep against ci/ rules\n"
	       "  validate  the host's pipe round trip against perf bench sched pipe\n"
	       "  columns   every column of runs.csv: unit, source, lists, description\n"
	       "\n"
	       "'scbench COMMAND --help' describes each; 'scbench --version' prints the\n"
	       "commit this binary was built from and the results schema version.\n"
	       "\n"
	       "examples:\n"
	       "  scbench run --workload echo --backend async --sqmode worker --conc 16\n"
	       "  scbench sweep --workload echo --backend sync,async --conc 1..64 -o results/try\n"
	       "  scbench plot results/try -o plots/try\n"
	       "  scbench compare results/before results/after\n"
	       "  scbench merge results/all results/part-1of2 results/part-2of2\n"
	       "  scbench gate\n"
	       "  scbench validate --cpus 0 --runs 7\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		help(stderr); /* a usage error: not data */
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		help(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("scbench %s (results schema %d)\n", SCB_COMMIT, SCHEMA_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 1, argv + 1, 0);
	if (!strcmp(cmd, "sweep"))
		return cmd_run(argc - 1, argv + 1, 1);
	if (!strcmp(cmd, "plot"))
		return cmd_plot(argc - 1, argv + 1);
	if (!strcmp(cmd, "compare"))
		return cmd_compare(argc - 1, argv + 1);
	if (!strcmp(cmd, "merge"))
		return cmd_merge(argc - 1, argv + 1);
	if (!strcmp(cmd, "gate"))
		return cmd_gate(argc - 1, argv + 1);
	if (!strcmp(cmd, "validate"))
		return cmd_validate(argc - 1, argv + 1);
	if (!strcmp(cmd, "columns"))
		return cmd_columns(argc - 1, argv + 1);
	fprintf(stderr, "scbench: unknown command '%s' (run, sweep, plot, compare, merge, gate, validate, "
			"columns)\n"
			"Try 'scbench --help'.\n", cmd);
	return EXIT_USAGE;
}
