/* Shards and resumes of a sweep; see resume.h. */
#include "resume.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int shard_parse(const char *s, struct shard *sh, char *err, size_t errlen)
{
	char *end;
	long k = strtol(s, &end, 10), n = 0;
	if (end != s && *end == '/') {
		const char *ns = end + 1;
		n = strtol(ns, &end, 10);
		if (end == ns)
			n = 0;
	}
	if (*end || n < 1 || n > 10000 || k < 1 || k > n) {
		snprintf(err, errlen, "--shard: '%s' is not K/N with 1 <= K <= N <= 10000", s);
		return -1;
	}
	sh->k = k;
	sh->n = n;
	snprintf(sh->text, sizeof(sh->text), "%ld/%ld", k, n);
	return 0;
}

json_t *shard_points(struct pointv *pts, const struct shard *sh)
{
	struct strv keys;
	strv_init(&keys);
	for (size_t i = 0; i < pts->n; i++) {
		char *k = point_key(&pts->v[i]);
		strv_add(&keys, k);
		free(k);
	}
	json_t *rec = sweep_record(&keys, sh->n ? sh->text : NULL);
	strv_free(&keys);
	if (!sh->n)
		return rec;
	/* Round robin rather than blocks: a sweep's costly points (high
	 * concurrency, many harts) come together, and blocks would give them
	 * all to one machine. */
	size_t kept = 0;
	for (size_t i = 0; i < pts->n; i++)
		if ((long)(i % (size_t)sh->n) == sh->k - 1)
			pts->v[kept++] = pts->v[i];
		else
			point_free(&pts->v[i]);
	pts->n = kept;
	return rec;
}

/* prior[i] from the set's rows; -1 when a row is no point of this sweep
 * (or of this shard) or two rows are one point. */
static int match_rows(const struct rset *set, const struct pointv *pts, const struct row **prior,
		      char *err, size_t errlen)
{
	char **keys = xmalloc((pts->n ? pts->n : 1) * sizeof(*keys));
	int rc = 0;
	for (size_t i = 0; i < pts->n; i++) {
		keys[i] = point_key(&pts->v[i]);
		prior[i] = NULL;
	}
	for (size_t r = 0; r < set->rows.n && !rc; r++) {
		char *k = row_point_key(&set->rows.rows[r]);
		size_t i = 0;
		while (i < pts->n && strcmp(keys[i], k))
			i++;
		if (i == pts->n || prior[i]) {
			snprintf(err, errlen, "%s/runs.csv: row %zu ('%s') is %s", set->dir, r + 1, k,
				 i == pts->n ? "no point of this sweep" : "a point already seen");
			rc = -1;
		} else {
			prior[i] = &set->rows.rows[r];
		}
		free(k);
	}
	for (size_t i = 0; i < pts->n; i++)
		free(keys[i]);
	free(keys);
	return rc;
}

/* The resumes so far and now. */
static json_t *resume_dates(json_t *stored)
{
	char now[32];
	json_t *dates = json_is_array(stored) ? json_deep_copy(stored) : json_array();
	iso_now(now, sizeof(now));
	json_array_append_new(dates, json_string(now));
	return dates;
}

int resume_check(const char *dir, struct meta_info *meta, const struct pointv *pts,
		 struct rset *set, const struct row **prior, char *err, size_t errlen)
{
	char sub[500];
	if (rset_load(dir, set, sub, sizeof(sub))) {
		snprintf(err, errlen, "--resume: no result set to finish: %s", sub);
		return -1;
	}
	meta_probe(meta);
	json_t *now = meta_json(meta);
	int rc = rset_meta_match(set->meta, now, dir, "this build", sub, sizeof(sub));
	json_decref(now);
	if (!rc)
		rc = sweep_match(json_object_get(set->meta, "sweep"), meta->sweep, dir, sub, sizeof(sub));
	if (!rc)
		rc = match_rows(set, pts, prior, sub, sizeof(sub));
	if (rc) {
		snprintf(err, errlen, "--resume: %s", sub);
		return -1;
	}
	for (size_t i = 0; i < pts->n; i++)
		if (prior[i]) {
			meta->done++;
			!strcmp(row_str(prior[i], "status"), "ok") ? meta->ok++ : meta->failed++;
		}
	const char *started = json_string_value(json_object_get(set->meta, "started"));
	if (started)
		snprintf(meta->started, sizeof(meta->started), "%s", started);
	meta->resumed = resume_dates(json_object_get(set->meta, "resumed"));
	return 0;
}
