/* scbench merge OUT DIR...: joins result sets measured apart (the shards of
 * one sweep on several machines, say) into one. The sets must be one
 * measurement (same schema, commit, tools, cost model) and no point may be
 * in two of them. Shards of one sweep come back in the sweep's order, so the
 * merged set is the one the unsharded sweep would have written. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "csv.h"
#include "derive.h"
#include "meta.h"
#include "opts.h"
#include "resultset.h"
#include "summary.h"

static const struct opt merge_opts[] = {OPT_END};

static const struct cmd_spec merge_spec = {
	"merge", "OUT DIR...",
	"Joins result sets (folders written by scbench sweep) into a new one, OUT:\n"
	"runs.csv, summary.csv, meta.json and logs/. The sets must share the schema,\n"
	"the commit, the tool versions and the cost model, and no point may be in\n"
	"two of them. The shards of one sweep (sweep --shard K/N) come back in the\n"
	"sweep's order, so merging every shard gives the set the unsharded sweep\n"
	"writes; other sets follow one another in the order given. Figures that\n"
	"compare rows (the break-even penalty) and summary.csv are computed afresh\n"
	"over the merged rows.\n",
	merge_opts,
	"exit status: 0 merged, 1 OUT could not be written, 2 bad input (a set that\n"
	"cannot be read, sets that do not belong together, a point in two sets, an\n"
	"OUT that already holds a set or cannot be created).\n"
	"\n"
	"examples:\n"
	"  scbench merge results/bench results/bench-1of3 results/bench-2of3 results/bench-3of3\n"
	"  scbench merge results/all results/refos results/host\n",
	NULL,
};

static int no_option(void *ctx, const struct opt *o, const char *val, char *err, size_t errlen)
{
	(void)ctx, (void)o, (void)val;
	snprintf(err, errlen, "merge takes no options");
	return -1;
}

struct merged {
	struct rset *in;
	size_t nin;
	json_t *sweep;   /* the one sweep every input is a shard of, or NULL */
	struct rowset rows;
	size_t *from;    /* input of each merged row */
};

struct keyed {
	char *key;
	size_t set, row;
	long order; /* position in the sweep, or -1 */
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

static int by_order(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->set != y->set ? (x->set < y->set ? -1 : 1) : (x->row < y->row ? -1 : 1);
}

/* The sweep all inputs are shards of (same points, whatever the shard). */
static json_t *common_sweep(const struct rset *in, size_t n)
{
	json_t *first = json_object_get(json_object_get(in[0].meta, "sweep"), "points");
	if (!json_is_array(first))
		return NULL;
	for (size_t i = 1; i < n; i++)
		if (!json_equal(first, json_object_get(json_object_get(in[i].meta, "sweep"), "points")))
			return NULL;
	return first;
}

static long sweep_position(json_t *points, const char *key)
{
	for (size_t i = 0; i < json_array_size(points); i++)
		if (!strcmp(json_string_value(json_array_get(points, i)), key))
			return (long)i;
	return -1;
}

/* Every row keyed, duplicates refused, sorted into the merged order. */
static int order_rows(struct merged *m, char *err, size_t errlen)
{
	size_t n = 0, k = 0;
	for (size_t s = 0; s < m->nin; s++)
		n += m->in[s].rows.n;
	struct keyed *kv = xmalloc((n ? n : 1) * sizeof(*kv));
	for (size_t s = 0; s < m->nin; s++)
		for (size_t r = 0; r < m->in[s].rows.n; r++, k++) {
			kv[k] = (struct keyed){row_point_key(&m->in[s].rows.rows[r]), s, r, -1};
			if (m->sweep)
				kv[k].order = sweep_position(m->sweep, kv[k].key);
		}
	int rc = 0;
	qsort(kv, n, sizeof(*kv), by_key);
	for (size_t i = 0; i + 1 < n && !rc; i++)
		if (!strcmp(kv[i].key, kv[i + 1].key)) {
			snprintf(err, errlen, "point '%s' is in %s and in %s", kv[i].key,
				 m->in[kv[i].set].dir, m->in[kv[i + 1].set].dir);
			rc = -1;
		}
	for (size_t i = 0; i < n && !rc; i++)
		if (m->sweep && kv[i].order < 0) {
			snprintf(err, errlen, "%s: point '%s' is not one of its sweep's",
				 m->in[kv[i].set].dir, kv[i].key);
			rc = -1;
		}
	qsort(kv, n, sizeof(*kv), by_order);
	m->from = xmalloc((n ? n : 1) * sizeof(*m->from));
	for (size_t i = 0; i < n; i++) {
		if (!rc) {
			m->from[m->rows.n] = kv[i].set;
			row_copy(rowset_add(&m->rows), &m->in[kv[i].set].rows.rows[kv[i].row]);
		}
		free(kv[i].key);
	}
	free(kv);
	return rc;
}

/* A hard link where the file system allows, else a copy. */
static int copy_file(const char *from, const char *to)
{
	if (link(from, to) == 0)
		return 0;
	if (errno == EEXIST)
		return -1;
	size_t len;
	char *data = read_whole_file(from, &len);
	if (!data)
		return -1;
	int rc = atomic_write(to, data, len);
	free(data);
	return rc;
}

/* Each row's log into OUT/logs; a name another set already took gets the
 * set's number in front (shards never clash: a point keeps its number). */
static int copy_logs(struct merged *m, const char *out, char *err, size_t errlen)
{
	for (size_t r = 0; r < m->rows.n; r++) {
		struct row *row = &m->rows.rows[r];
		const char *rel = row_str(row, "log_file");
		if (!*rel)
			continue;
		const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
		char *from, *to, *newrel;
		int rc = asprintf(&from, "%s/%s", m->in[m->from[r]].dir, rel);
		for (int attempt = 0; rc >= 0 && attempt < 2; attempt++) {
			rc = attempt ? asprintf(&newrel, "logs/set%zu-%s", m->from[r] + 1, base)
				     : asprintf(&newrel, "logs/%s", base);
			if (rc < 0 || asprintf(&to, "%s/%s", out, newrel) < 0)
				break;
			rc = access(from, R_OK) ? -2 : copy_file(from, to);
			free(to);
			if (rc == 0)
				row_set(row, "log_file", newrel);
			free(newrel);
			if (rc != -1)
				break;
		}
		if (rc == -2) /* a set without its log: the row says so */
			row_set(row, "log_file", "");
		else if (rc) {
			snprintf(err, errlen, "cannot copy %s into %s/logs: %s", from, out, strerror(errno));
			free(from);
			return -1;
		}
		free(from);
	}
	return 0;
}

/* The command line that made a shard, without its --shard: what the whole
 * merged sweep would be run (and resumed) with. */
static json_t *unsharded_argv(json_t *argv)
{
	json_t *out = json_array();
	for (size_t i = 0; i < json_array_size(argv); i++) {
		const char *a = json_string_value(json_array_get(argv, i));
		if (a && !strcmp(a, "--shard")) {
			i++;
			continue;
		}
		if (a && strncmp(a, "--shard=", 8))
			json_array_append_new(out, json_string(a));
	}
	return out;
}

static json_t *merged_meta(const struct merged *m)
{
	json_t *meta = json_deep_copy(m->in[0].meta), *from = json_array();
	size_t ok = 0, failed = 0, skipped = 0;
	int interrupted = 0;
	for (size_t r = 0; r < m->rows.n; r++)
		!strcmp(row_str(&m->rows.rows[r], "status"), "ok") ? ok++ : failed++;
	for (size_t s = 0; s < m->nin; s++) {
		json_t *im = m->in[s].meta, *e = json_object();
		json_object_set_new(e, "dir", json_string(m->in[s].dir));
		static const char *const keep[] = {"host", "started", "finished", "interrupted",
						   "command_line", NULL};
		for (const char *const *k = keep; *k; k++)
			json_object_set(e, *k, json_object_get(im, *k) ? json_object_get(im, *k) : json_null());
		json_object_set(e, "shard", json_object_get(json_object_get(im, "sweep"), "shard"));
		json_array_append_new(from, e);
		interrupted |= json_is_true(json_object_get(im, "interrupted"));
		skipped += (size_t)json_integer_value(
			json_object_get(json_object_get(im, "points"), "skipped"));
	}
	json_t *pts = json_object();
	json_object_set_new(pts, "planned", json_integer((json_int_t)(
		m->sweep ? json_array_size(m->sweep) : m->rows.n)));
	json_object_set_new(pts, "done", json_integer((json_int_t)m->rows.n));
	json_object_set_new(pts, "ok", json_integer((json_int_t)ok));
	json_object_set_new(pts, "failed", json_integer((json_int_t)failed));
	json_object_set_new(pts, "skipped", json_integer((json_int_t)skipped));
	json_object_set_new(meta, "points", pts);
	json_object_set_new(meta, "interrupted", json_boolean(interrupted));
	json_object_set_new(meta, "merged_from", from);
	if (m->sweep) {
		json_object_set_new(meta, "argv", unsharded_argv(json_object_get(meta, "argv")));
		json_object_set_new(json_object_get(meta, "sweep"), "shard", json_null());
	} else {
		json_object_del(meta, "sweep"); /* several sweeps: none to resume */
	}
	return meta;
}

static int write_merged(struct merged *m, const char *out, char *err, size_t errlen)
{
	struct strv cols, scols;
	struct rowset sum;
	char *path;
	int rc = 0;
	strv_init(&cols);
	strv_init(&scols);
	rowset_init(&sum);
	derive_breakeven(&m->rows);
	schema_columns(&m->rows, &cols);
	summary_build(&m->rows, &sum, &scols);
	const char *names[] = {"runs.csv", "summary.csv"};
	for (int f = 0; f < 2 && !rc; f++) {
		if (asprintf(&path, "%s/%s", out, names[f]) < 0)
			return -1;
		int w = f ? csv_write_file(path, &scols, &sum) : csv_write_file(path, &cols, &m->rows);
		if (w) {
			snprintf(err, errlen, "cannot write %s: %s", path, strerror(-w));
			rc = -1;
		}
		free(path);
	}
	if (!rc && asprintf(&path, "%s/meta.json", out) >= 0) {
		json_t *meta = merged_meta(m);
		rc = json_write_atomic(path, meta, err, errlen);
		json_decref(meta);
		free(path);
	}
	strv_free(&cols);
	strv_free(&scols);
	rowset_free(&sum);
	return rc;
}

/* OUT must be new (or empty of a set) and none of the inputs. */
static int check_out(const char *out, const char **dirs, size_t n, char *err, size_t errlen)
{
	char *p;
	struct stat so, si;
	if (asprintf(&p, "%s/runs.csv", out) < 0)
		return -1;
	int taken = access(p, F_OK) == 0;
	free(p);
	if (taken) {
		snprintf(err, errlen, "%s already holds a result set: merge into a new folder", out);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (stat(out, &so) == 0 && stat(dirs[i], &si) == 0 && so.st_dev == si.st_dev &&
		    so.st_ino == si.st_ino) {
			snprintf(err, errlen, "OUT %s is also an input", out);
			return -1;
		}
	return 0;
}

static int make_out(const char *out, char *err, size_t errlen)
{
	char *logs;
	if (asprintf(&logs, "%s/logs", out) < 0)
		return -1;
	int rc = mkdir_p(logs);
	if (rc)
		snprintf(err, errlen, "cannot create %s: %s", logs, strerror(errno));
	free(logs);
	return rc;
}

static int load_inputs(struct merged *m, const char **dirs, size_t n, char *err, size_t errlen)
{
	m->in = xmalloc(n * sizeof(*m->in));
	memset(m->in, 0, n * sizeof(*m->in));
	m->nin = n;
	for (size_t i = 0; i < n; i++) {
		if (rset_load(dirs[i], &m->in[i], err, errlen))
			return -1;
		if (i && rset_meta_match(m->in[0].meta, m->in[i].meta, dirs[0], dirs[i], err, errlen))
			return -1;
	}
	m->sweep = common_sweep(m->in, n);
	return 0;
}

static void merged_free(struct merged *m)
{
	for (size_t i = 0; i < m->nin; i++)
		rset_free(&m->in[i]);
	free(m->in);
	free(m->from);
	rowset_free(&m->rows);
}

int cmd_merge(int argc, char **argv)
{
	const char **pos = xmalloc((size_t)(argc + 1) * sizeof(*pos));
	size_t npos;
	char err[600];
	struct merged m = {0};
	int rc = opts_parse(&merge_spec, argc, argv, no_option, NULL, pos, (size_t)argc, &npos);
	if (rc) {
		free(pos);
		return rc == 1 ? 0 : rc;
	}
	rowset_init(&m.rows);
	if (npos < 2)
		rc = usage_error("merge", "want OUT and at least one result set to merge");
	else if (check_out(pos[0], pos + 1, npos - 1, err, sizeof(err)) ||
		 load_inputs(&m, pos + 1, npos - 1, err, sizeof(err)) ||
		 order_rows(&m, err, sizeof(err)) || make_out(pos[0], err, sizeof(err)))
		rc = usage_error("merge", "%s", err);
	else if (copy_logs(&m, pos[0], err, sizeof(err)) ||
		 write_merged(&m, pos[0], err, sizeof(err))) {
		fprintf(stderr, "scbench merge: %s\n", err);
		rc = EXIT_FAILED_POINTS;
	} else {
		size_t planned = m.sweep ? json_array_size(m.sweep) : m.rows.n;
		fprintf(stderr, "scbench merge: %zu rows from %zu sets in %s/runs.csv\n", m.rows.n,
			m.nin, pos[0]);
		if (m.rows.n < planned)
			fprintf(stderr, "scbench merge: %zu of the sweep's %zu points are in none of the "
					"sets: scbench sweep --resume %s runs them\n",
				planned - m.rows.n, planned, pos[0]);
	}
	merged_free(&m);
	free(pos);
	return rc;
}
