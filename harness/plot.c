/* scbench plot: per-curve data files from a result set, gnuplot run on the
 * scripts in plots/, and a Markdown summary next to the figures. The
 * medians over repetitions are taken here: the scripts compute nothing. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "columns.h"
#include "csv.h"
#include "opts.h"
#include "plotdata.h"
#include "summary.h"

enum plot_opt { PO_OUTPUT = 1, PO_SCRIPTS };

static const struct opt plot_opts[] = {
	{"output", 'o', "OUTDIR", "where the figures go", "plots/NAME, NAME the last part of DIR",
	 PO_OUTPUT},
	{"scripts", 0, "PLOTDIR", "where the .gp scripts are", "plots", PO_SCRIPTS},
	OPT_END,
};

static const struct cmd_spec plot_spec = {
	"plot", "DIR [-o OUTDIR] [--scripts PLOTDIR]",
	"Renders the result set in DIR (its runs.csv) with the gnuplot scripts of\n"
	"plots/, as SVG, PNG and PDF, one figure per workload and message size:\n"
	"  refos: throughput (ops per virtual second), instructions per op, traps per\n"
	"         op, break-even trap penalty (async configurations against sync)\n"
	"  host:  throughput (ops/s), system calls per op, context switches per op\n"
	"x is the concurrency on a log-2 axis, one curve per configuration in its own\n"
	"style (plots/styles.gp: the same in every figure), medians over repetitions\n"
	"with the bootstrap interval of summary.csv as error bars where a point has\n"
	"more than one; failed runs are left out; y is fitted to the data. A caption\n"
	"names the set's commit and machine (its meta.json). OUTDIR also gets\n"
	"summary.md (the same figures as tables) and data/ (what gnuplot read).\n",
	plot_opts,
	"exit status: 0 every figure rendered, 1 something failed, 2 usage error.\n"
	"\n"
	"examples:\n"
	"  scbench plot results/try -o plots/try\n"
	"  gnuplot -c plots/curves.gp plots/try/data/refos-echo-s64-traps.csv out.svg traps_per_op log 'traps'\n",
	" (one result set at a time)",
};

struct plot_args {
	const char *outdir, *scripts;
};

static int plot_set(void *ctx, const struct opt *o, const char *val, char *err, size_t errlen)
{
	struct plot_args *p = ctx;
	(void)err, (void)errlen;
	*(o->id == PO_OUTPUT ? &p->outdir : &p->scripts) = val;
	return 0;
}

/* The script every figure of scbench plot is drawn with; the column, its
 * scale and label are its arguments, from the schema. */
#define CURVES_SCRIPT "curves.gp"

/* Runs gnuplot -c script data out column scale ylabel title better; its messages
 * are shown only when it fails, since warnings about curves without points
 * are expected. */
static int run_gnuplot(const char *script, const char *data, const char *out,
		       const struct column *col, const char *title)
{
	/* gnuplot writes a temporary that keeps the suffix (the style picks
	 * the terminal by it); rename(2) then shows only whole figures. */
	const char *dot = strrchr(out, '.');
	char *tmp;
	if (!dot || asprintf(&tmp, "%.*s.tmp%ld%s", (int)(dot - out), out, (long)getpid(), dot) < 0)
		return -1;
	char tmpl[] = "/tmp/scbench-gnuplot-XXXXXX";
	int efd = mkstemp(tmpl);
	if (efd < 0) {
		free(tmp);
		return -1;
	}
	unlink(tmpl);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(efd, 2);
		dup2(efd, 1);
		execlp("gnuplot", "gnuplot", "-c", script, data, tmp, col->name, col->figure->scale,
		       col->figure->ylabel, title,
		       col->figure->better ? col->figure->better : "none", (char *)NULL);
		dprintf(2, "cannot run gnuplot: %s\n", strerror(errno));
		_exit(127);
	}
	int st = 0;
	if (pid > 0)
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	struct stat sb;
	int ok = pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0 && stat(tmp, &sb) == 0 &&
		 sb.st_size > 0 && rename(tmp, out) == 0;
	if (!ok) {
		char buf[4096];
		ssize_t n = pread(efd, buf, sizeof(buf) - 1, 0);
		buf[n > 0 ? n : 0] = 0;
		fprintf(stderr, "scbench plot: gnuplot -c %s %s %s %s failed:\n%s", script, data, out,
			col->name, buf);
		unlink(tmp);
	}
	close(efd);
	free(tmp);
	return ok ? 0 : -1;
}

static int group_uses_notify(const struct rowset *rows, const struct plotgroup *pg, const char *notify)
{
	for (size_t c = 0; c < pg->ncurves; c++)
		if (!strcmp(row_str(&rows->rows[pg->curves[c].idx[0]], "notify"), notify))
			return 1;
	return 0;
}

/* One figure of one group: its data file, then gnuplot for SVG, PNG and
 * PDF. Returns 0 (drawn, or nothing to draw), 1 failed, -1 out of memory. */
static int draw_figure(const struct rowset *rows, struct plotgroup *pg, const struct column *col,
		       const char *scripts, const char *outdir, const char *datadir,
		       const char *source, size_t *made)
{
	const struct col_figure *fig = col->figure;
	char *script, *svg, *png, *pdf, *title, *data, err[400];
	int failed = 0;
	if (asprintf(&script, "%s/%s", scripts, CURVES_SCRIPT) < 0 ||
	    asprintf(&svg, "%s/%s-%s.svg", outdir, pg->stem, fig->suffix) < 0 ||
	    asprintf(&png, "%s/%s-%s.png", outdir, pg->stem, fig->suffix) < 0 ||
	    asprintf(&pdf, "%s/%s-%s.pdf", outdir, pg->stem, fig->suffix) < 0 ||
	    asprintf(&data, "%s/%s-%s.csv", datadir, pg->stem, fig->suffix) < 0 ||
	    asprintf(&title, "%s: %s", pg->title, fig->what) < 0)
		return -1;
	int curves = plotdata_figure(rows, pg, col->name, fig->untraced, source, data, err, sizeof(err));
	if (curves < 0) {
		fprintf(stderr, "scbench plot: %s\n", err);
		failed = 1;
	} else if (curves == 0) {
		fprintf(stderr, "scbench plot: %s: no %s figure: no row has %s%s\n", pg->stem,
			fig->suffix, col->name, fig->why_none ? fig->why_none : "");
	} else {
		failed = run_gnuplot(script, data, svg, col, title) | run_gnuplot(script, data, png, col, title) |
			 run_gnuplot(script, data, pdf, col, title);
		if (!failed) {
			plotgroup_add_figure(pg, svg, png, pdf, fig->what);
			(*made)++;
		}
	}
	free(script);
	free(svg);
	free(png);
	free(pdf);
	free(data);
	free(title);
	return failed ? 1 : 0;
}

/* The schema's figures of one group, in their order: 0 drawn, 1 one
 * failed, -1 out of memory. */
static int draw_group(const struct rowset *rows, struct plotgroup *pg, const char *scripts,
		      const char *outdir, const char *datadir, const char *source, size_t *made)
{
	int failed = 0;
	for (const struct column *const *c = columns_role(ROLE_FIGURE); *c; c++) {
		const struct col_figure *fig = (*c)->figure;
		if (strcmp(fig->target, pg->target) ||
		    (fig->notify && !group_uses_notify(rows, pg, fig->notify)))
			continue;
		int bad = draw_figure(rows, pg, *c, scripts, outdir, datadir, source, made);
		if (bad < 0)
			return -1;
		failed |= bad;
	}
	return failed;
}

/* plots/NAME, NAME the last part of the result set's folder (malloc'd). */
static char *default_outdir(const char *dir)
{
	char *d = xstrdup(dir), *out;
	size_t n = strlen(d);
	while (n > 1 && d[n - 1] == '/')
		d[--n] = 0;
	const char *base = strrchr(d, '/');
	if (asprintf(&out, "plots/%s", base ? base + 1 : d) < 0)
		exit(EXIT_FAILED_POINTS);
	free(d);
	return out;
}

int cmd_plot(int argc, char **argv)
{
	struct plot_args pa = {NULL, NULL};
	const char *dir = NULL;
	size_t npos;
	int urc = opts_parse(&plot_spec, argc, argv, plot_set, &pa, &dir, 1, &npos);
	if (urc)
		return urc == 1 ? 0 : urc;
	const char *outdir = pa.outdir, *scripts = pa.scripts;
	if (!dir)
		return usage_error("plot", "DIR (a result set folder) is missing");

	char err[400], *path, *own_out = NULL, *own_scripts = NULL;
	struct rowset rows;
	rowset_init(&rows);
	if (asprintf(&path, "%s/runs.csv", dir) < 0 || csv_read_file(path, NULL, &rows, err, sizeof(err))) {
		fprintf(stderr, "scbench plot: %s\n", err);
		return EXIT_FAILED_POINTS;
	}
	free(path);
	if (!outdir)
		outdir = own_out = default_outdir(dir);
	if (!scripts) {
		own_scripts = find_data_dir("plots/style.gp");
		if (own_scripts)
			*strrchr(own_scripts, '/') = 0;
		scripts = own_scripts ? own_scripts : opts_find(plot_opts, PO_SCRIPTS)->def;
	}
	if (system("command -v gnuplot >/dev/null 2>&1") != 0) {
		fprintf(stderr, "scbench plot: gnuplot not found (make deps installs gnuplot-nox)\n");
		return EXIT_FAILED_POINTS;
	}

	struct plotset ps;
	char *datadir;
	if (plotdata_groups(&rows, &ps, err, sizeof(err))) {
		fprintf(stderr, "scbench plot: %s\n", err);
		return EXIT_FAILED_POINTS;
	}
	if (asprintf(&datadir, "%s/data", outdir) < 0 || mkdir_p(datadir)) {
		fprintf(stderr, "scbench plot: cannot create %s: %s\n", datadir, strerror(errno));
		return EXIT_FAILED_POINTS;
	}
	/* The PDFs carry the date the set was measured, not the time they were
	 * drawn (plots/pdf-date.sh), so that plotting a set again gives the
	 * same bytes; a SOURCE_DATE_EPOCH given wins. */
	long long started = plotdata_started(dir);
	if (!getenv("SOURCE_DATE_EPOCH") && started >= 0) {
		char epoch[24];
		snprintf(epoch, sizeof(epoch), "%lld", started);
		setenv("SOURCE_DATE_EPOCH", epoch, 1);
	}
	size_t made = 0;
	int failed = 0;
	char *source = plotdata_source(dir, &rows);
	for (size_t g = 0; g < ps.n && failed >= 0; g++)
		failed |= draw_group(&rows, &ps.g[g], scripts, outdir, datadir, source, &made);
	free(source);
	if (failed < 0)
		return EXIT_FAILED_POINTS;
	free(datadir);
	if (plotdata_markdown(&rows, &ps, outdir, err, sizeof(err))) {
		fprintf(stderr, "scbench plot: %s\n", err);
		failed = 1;
	}
	fprintf(stderr, "scbench plot: %zu figure%s (SVG, PNG and PDF) in %s; tables in %s/summary.md\n",
		made, made == 1 ? "" : "s", outdir, outdir);
	plotset_free(&ps);
	rowset_free(&rows);
	free(own_out);
	free(own_scripts);
	return failed ? EXIT_FAILED_POINTS : 0;
}
