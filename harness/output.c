/* Result sets on disk and rows on stdout. runs.csv is rewritten (atomically)
 * at most once a second while a sweep runs, so Ctrl-C, a crash or a power
 * cut leave the points finished so far in a valid file. */
#include "output.h"
#include "jsonout.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "columns.h"
#include "csv.h"
#include "stats.h"
#include "summary.h"

/* Logs of an earlier sweep into the same folder would be mistaken for
 * this one's; a resumed set keeps its whole logs (the rows name them) and
 * drops only the parts of those cut short. */
static void clear_logs(const char *logdir, int keep_whole)
{
	DIR *d = opendir(logdir);
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		int whole = n > 4 && !strcmp(de->d_name + n - 4, ".log");
		if ((whole && !keep_whole) || strstr(de->d_name, ".log.tmp")) {
			char *path;
			if (asprintf(&path, "%s/%s", logdir, de->d_name) >= 0) {
				unlink(path);
				free(path);
			}
		}
	}
	closedir(d);
}

static void collect(struct output *o, struct rowset *rs)
{
	rowset_init(rs);
	for (size_t i = 0; i < o->pts->n; i++)
		if (o->have[i])
			row_copy(rowset_add(rs), &o->rows[i]);
	derive_breakeven(rs);
}

/* Rewrites runs.csv with every finished row; those rows are then on disk. */
static int write_runs(struct output *o, const struct rowset *rs, char *err, size_t errlen)
{
	struct strv cols;
	char *path;
	strv_init(&cols);
	schema_columns(rs, &cols);
	if (asprintf(&path, "%s/runs.csv", o->dir) < 0)
		return -1;
	int rc = csv_write_file(path, &cols, rs);
	if (rc)
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(-rc));
	else
		for (size_t i = 0; i < o->pts->n; i++)
			if (o->have[i] == HAVE_MEMORY)
				o->have[i] = HAVE_DISK;
	free(path);
	strv_free(&cols);
	return rc;
}

int output_open(struct output *o, const char *dir, const struct pointv *pts,
		const struct penalties *pen, struct meta_info *meta, const struct row *const *prior,
		char *err, size_t errlen)
{
	memset(o, 0, sizeof(*o));
	o->pts = pts;
	o->pen = pen;
	o->meta = meta;
	o->rows = xmalloc((pts->n ? pts->n : 1) * sizeof(*o->rows));
	o->have = xmalloc((pts->n ? pts->n : 1) * sizeof(*o->have));
	memset(o->have, 0, (pts->n ? pts->n : 1) * sizeof(*o->have));
	for (size_t i = 0; prior && i < pts->n; i++)
		if (prior[i]) {
			row_copy(&o->rows[i], prior[i]);
			o->have[i] = HAVE_DISK;
		}
	meta_probe(meta);
	if (!dir)
		return 0;
	o->dir = xstrdup(dir);
	if (asprintf(&o->logdir, "%s/logs", dir) < 0)
		return -1;
	if (mkdir_p(o->logdir)) {
		snprintf(err, errlen, "cannot create %s: %s", o->logdir, strerror(errno));
		return -1;
	}
	clear_logs(o->logdir, prior != NULL);
	/* An empty set first: a sweep stopped before its first point must
	 * not leave an older runs.csv beside this sweep's meta.json. A resumed
	 * set keeps its runs.csv as it is until a new row joins it. */
	struct rowset empty;
	rowset_init(&empty);
	if ((!prior && write_runs(o, &empty, err, errlen)) || meta_write(dir, meta, err, errlen))
		return -1;
	return 0;
}

int output_point(void *ctx, const struct point *p, struct row *row, const struct proc *pr)
{
	struct output *o = ctx;
	size_t i = (size_t)(p - o->pts->v); /* p->idx numbers it in the whole sweep */
	row_copy(&o->rows[i], row);
	o->have[i] = HAVE_MEMORY;
	derive_row(&o->rows[i], o->pen);
	o->meta->done++;
	int ok = !strcmp(row_str(row, "status"), "ok");
	ok ? o->meta->ok++ : o->meta->failed++;
	if (!ok && !o->dir) {
		/* No log file to point at: show the end of the console. */
		size_t n = proc_tail_count(pr), from = n > 12 ? n - 12 : 0;
		fprintf(stderr, "scbench: point failed: %s; last console lines:\n", row_str(row, "reason"));
		for (size_t i = from; i < n; i++)
			fprintf(stderr, "  | %s\n", proc_tail_line(pr, i));
	}
	int rc = 0;
	if (o->dir && now_s() - o->last_write >= 1.0) {
		struct rowset rs;
		char err[300];
		collect(o, &rs);
		/* A set that cannot be written now will not be written by the
		 * next point either: stop the sweep rather than run for nothing. */
		if ((rc = write_runs(o, &rs, err, sizeof(err))))
			fprintf(stderr, "scbench: %s: stopping the sweep\n", err);
		rowset_free(&rs);
		o->last_write = now_s();
	}
	return rc;
}

static void print_json(FILE *f, const struct rowset *rows)
{
	struct strv cols;
	strv_init(&cols);
	schema_columns(rows, &cols);
	rows_json(f, &cols, rows);
	strv_free(&cols);
}

static void md_cell(FILE *f, const char *s)
{
	fputs(" ", f);
	for (; *s; s++)
		fputs(*s == '|' ? "\\|" : (char[]){*s, 0}, f);
	fputs(" |", f);
}

static void print_md(FILE *f, const struct rowset *rows)
{
	struct strv cols;
	strv_init(&cols);
	/* Leave out figures no row has (ops_per_sec on refos, say). */
	for (const struct column *const *c = columns_role(ROLE_MD); *c; c++) {
		int show = !(*c)->md_if_set;
		for (size_t r = 0; r < rows->n && !show; r++)
			show = *row_str(&rows->rows[r], (*c)->name) != 0;
		if (show)
			strv_add(&cols, (*c)->name);
	}
	fputs("|", f);
	for (size_t c = 0; c < cols.n; c++)
		md_cell(f, cols.v[c]);
	fputs("\n|", f);
	for (size_t c = 0; c < cols.n; c++)
		fputs(" --- |", f);
	fputc('\n', f);
	for (size_t r = 0; r < rows->n; r++) {
		fputs("|", f);
		for (size_t c = 0; c < cols.n; c++)
			md_cell(f, row_str(&rows->rows[r], cols.v[c]));
		fputc('\n', f);
	}
	strv_free(&cols);
}

void print_rows(FILE *f, const char *format, const struct rowset *rows)
{
	if (!strcmp(format, "json"))
		print_json(f, rows);
	else if (!strcmp(format, "md"))
		print_md(f, rows);
	else {
		struct strv cols;
		strv_init(&cols);
		schema_columns(rows, &cols);
		csv_write(f, &cols, rows);
		strv_free(&cols);
	}
}

/* The rows that finished but never reached runs.csv, on stdout: a full or
 * read-only disk must not lose a measurement. */
static void rescue_rows(struct output *o, const struct rowset *all)
{
	struct rowset lost;
	struct strv cols;
	size_t k = 0;
	rowset_init(&lost);
	strv_init(&cols);
	/* all holds the finished rows in point order, as collect made it. */
	for (size_t i = 0; i < o->pts->n && k < all->n; i++) {
		if (!o->have[i])
			continue;
		if (o->have[i] == HAVE_MEMORY)
			row_copy(rowset_add(&lost), &all->rows[k]);
		k++;
	}
	if (lost.n) {
		schema_columns(all, &cols);
		csv_write(stdout, &cols, &lost);
		fprintf(stderr, "scbench: the %zu finished row%s not in %s/runs.csv are on stdout "
				"(CSV)\n", lost.n, lost.n == 1 ? "" : "s", o->dir);
	}
	rowset_free(&lost);
	strv_free(&cols);
}

/* runs.csv, summary.csv and meta.json of the finished rows. */
static int write_set(struct output *o, const struct rowset *rs, char *err, size_t errlen)
{
	struct rowset sum;
	struct strv cols;
	char *path;
	rowset_init(&sum);
	strv_init(&cols);
	summary_build(rs, &sum, &cols);
	int rc = write_runs(o, rs, err, errlen);
	if (!rc && asprintf(&path, "%s/summary.csv", o->dir) >= 0) {
		int w = csv_write_file(path, &cols, &sum);
		if (w) {
			snprintf(err, errlen, "cannot write %s: %s", path, strerror(-w));
			rc = -1;
		}
		free(path);
	}
	if (!rc)
		rc = meta_write(o->dir, o->meta, err, errlen);
	size_t flagged = summary_warn_outliers(stderr, &sum);
	if (flagged)
		fprintf(stderr, "scbench: %zu point%s have outlier repetitions (modified z-score > "
				"%.1f): see *_outliers in %s/summary.csv; rerun them on an idle "
				"machine or with more --reps\n", flagged, flagged == 1 ? "" : "s",
			STATS_OUTLIER_Z, o->dir);
	rowset_free(&sum);
	strv_free(&cols);
	return rc;
}

int output_close(struct output *o, const struct engine *e, const char *format, char *err, size_t errlen)
{
	struct rowset rs;
	int rc = 0;
	collect(o, &rs);
	o->meta->interrupted = e->interrupted || e->stopped || e->failed_fast;
	if (o->dir)
		rc = write_set(o, &rs, err, errlen);
	if (format)
		print_rows(stdout, format, &rs);
	else if (rc)
		rescue_rows(o, &rs);
	/* Data that never reached stdout (a closed pipe, a full disk) is an
	 * error, not a silent success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (!rc)
			snprintf(err, errlen, "cannot write stdout: %s", strerror(errno));
		rc = -1;
	}
	fprintf(stderr, "scbench: %zu point%s: %zu ok, %zu failed%s", o->meta->done,
		o->meta->done == 1 ? "" : "s", o->meta->ok, o->meta->failed,
		o->meta->skipped ? "" : "\n");
	if (o->meta->skipped)
		fprintf(stderr, ", %zu skipped\n", o->meta->skipped);
	if (o->dir && !rc)
		fprintf(stderr, "scbench: results in %s/runs.csv (summary.csv, meta.json, logs/)\n", o->dir);
	for (size_t i = 0; i < o->pts->n; i++)
		if (o->have[i])
			row_free(&o->rows[i]);
	rowset_free(&rs);
	free(o->rows);
	free(o->have);
	free(o->dir);
	free(o->logdir);
	return rc;
}
