/* Result sets read back, and the checks that let two of them (or a set and
 * the sweep about to finish it) count as one measurement. */
#include "resultset.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "derive.h"
#include "summary.h"

static int check_schema(const struct rset *s, char *err, size_t errlen)
{
	json_t *v = json_object_get(s->meta, "schema_version");
	if (!json_is_integer(v) || json_integer_value(v) != SCHEMA_VERSION) {
		snprintf(err, errlen, "%s/meta.json: schema_version is not %d (a set from another "
				      "version of scbench)", s->dir, SCHEMA_VERSION);
		return -1;
	}
	struct rowset none;
	struct strv fixed;
	rowset_init(&none);
	strv_init(&fixed);
	schema_columns(&none, &fixed);
	int rc = 0;
	for (size_t i = 0; i < fixed.n && !rc; i++)
		if (i >= s->cols.n || strcmp(s->cols.v[i], fixed.v[i])) {
			snprintf(err, errlen, "%s/runs.csv: column %zu is '%s', the schema has '%s' "
					      "(a set from another version of scbench)", s->dir, i + 1,
				 i < s->cols.n ? s->cols.v[i] : "(none)", fixed.v[i]);
			rc = -1;
		}
	strv_free(&fixed);
	return rc;
}

int rset_load(const char *dir, struct rset *s, char *err, size_t errlen)
{
	char *path;
	json_error_t je;
	memset(s, 0, sizeof(*s));
	s->dir = xstrdup(dir);
	strv_init(&s->cols);
	rowset_init(&s->rows);
	if (asprintf(&path, "%s/meta.json", dir) < 0)
		return -1;
	s->meta = json_load_file(path, 0, &je);
	if (!s->meta || !json_is_object(s->meta)) {
		snprintf(err, errlen, "%s: %s", path, s->meta ? "not a JSON object" : je.text);
		free(path);
		return -1;
	}
	free(path);
	if (asprintf(&path, "%s/runs.csv", dir) < 0)
		return -1;
	int rc = csv_read_file(path, &s->cols, &s->rows, err, errlen);
	free(path);
	return rc ? rc : check_schema(s, err, errlen);
}

void rset_free(struct rset *s)
{
	free(s->dir);
	json_decref(s->meta);
	strv_free(&s->cols);
	rowset_free(&s->rows);
	memset(s, 0, sizeof(*s));
}

/* A JSON value as text for a message ("null" for none). */
static char *show(json_t *v)
{
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	char *s = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
	return s ? s : xstrdup("null");
}

/* One key of the two metas (path "tools.qemu"); lenient: a null side is
 * no difference. */
static int differ(json_t *a, json_t *b, const char *path, int lenient, const char *an,
		  const char *bn, char *err, size_t errlen)
{
	char *dot = strchr(path, '.');
	if (dot) {
		char head[64];
		snprintf(head, sizeof(head), "%.*s", (int)(dot - path), path);
		a = json_object_get(a, head);
		b = json_object_get(b, head);
	}
	json_t *va = json_object_get(a, dot ? dot + 1 : path);
	json_t *vb = json_object_get(b, dot ? dot + 1 : path);
	if (lenient && (!va || json_is_null(va) || !vb || json_is_null(vb)))
		return 0;
	if (json_equal(va, vb) || (!va && !vb))
		return 0;
	char *sa = show(va), *sb = show(vb);
	snprintf(err, errlen, "%s differs: %s has '%s', %s has '%s'", path, an, sa, bn, sb);
	free(sa);
	free(sb);
	return 1;
}

int rset_meta_match(json_t *a, json_t *b, const char *an, const char *bn, char *err,
		    size_t errlen)
{
	/* gnuplot draws figures, it measures nothing: not compared. */
	static const char *const strict[] = {"schema_version", "commit", "commit_dirty",
					     "cost_model.p_trap", "cost_model.p_as",
					     "cost_model.p_ipi", "cost_model.profile",
					     "cost_model.core", NULL};
	static const char *const tools[] = {"tools.qemu", "tools.host_cc", "tools.riscv_cc", NULL};
	for (const char *const *k = strict; *k; k++)
		if (differ(a, b, *k, 0, an, bn, err, errlen))
			return -1;
	for (const char *const *k = tools; *k; k++)
		if (differ(a, b, *k, 1, an, bn, err, errlen))
			return -1;
	return 0;
}

char *row_point_key(const struct row *r)
{
	char *s = xstrdup("");
	for (const char *const *k = point_keys();; k++) {
		const char *key = *k ? *k : "rep"; /* point_keys() leave out rep */
		const char *v = row_str(r, key);
		if (*v) {
			char *t = s;
			if (asprintf(&s, "%s%s%s=%s", t, *t ? " " : "", key, v) < 0) {
				fprintf(stderr, "scbench: out of memory\n");
				exit(1);
			}
			free(t);
		}
		if (!*k)
			break;
	}
	return s;
}

char *point_key(const struct point *p)
{
	struct row r;
	row_init(&r);
	point_to_row(p, &r);
	char *s = row_point_key(&r);
	row_free(&r);
	return s;
}

json_t *sweep_record(const struct strv *keys, const char *shard)
{
	json_t *o = json_object(), *pts = json_array();
	for (size_t i = 0; i < keys->n; i++)
		json_array_append_new(pts, json_string(keys->v[i]));
	json_object_set_new(o, "shard", shard ? json_string(shard) : json_null());
	json_object_set_new(o, "points", pts);
	return o;
}

int sweep_match(json_t *stored, json_t *now, const char *dir, char *err, size_t errlen)
{
	json_t *sp = json_object_get(stored, "points"), *np = json_object_get(now, "points");
	if (!json_is_array(sp)) {
		snprintf(err, errlen, "%s/meta.json has no record of its sweep (an older scbench "
				      "wrote it, or it merges several): its missing points cannot be told", dir);
		return -1;
	}
	if (differ(stored, now, "shard", 0, dir, "this command", err, errlen))
		return -1;
	size_t ns = json_array_size(sp), nn = json_array_size(np), i = 0;
	while (i < ns && i < nn && json_equal(json_array_get(sp, i), json_array_get(np, i)))
		i++;
	if (i == ns && i == nn)
		return 0;
	const char *a = i < ns ? json_string_value(json_array_get(sp, i)) : "(none)";
	const char *b = i < nn ? json_string_value(json_array_get(np, i)) : "(none)";
	snprintf(err, errlen, "sweep differs: %s has %zu points, this command %zu; point %zu is "
			      "'%s' there, '%s' here", dir, ns, nn, i + 1, a ? a : "?", b ? b : "?");
	return -1;
}
