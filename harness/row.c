/* Rows of named cells; see row.h. Linear lookup: rows hold ~100 cells and
 * result sets a few thousand rows, far below where a hash would pay. */
#include "row.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fprintf(stderr, "scbench: out of memory\n");
		exit(1);
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "scbench: out of memory\n");
		exit(1);
	}
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

void row_init(struct row *r)
{
	memset(r, 0, sizeof(*r));
}

void row_free(struct row *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->cells[i].key);
		free(r->cells[i].val);
	}
	free(r->cells);
	row_init(r);
}

void row_copy(struct row *dst, const struct row *src)
{
	row_init(dst);
	for (size_t i = 0; i < src->n; i++)
		row_set(dst, src->cells[i].key, src->cells[i].val);
}

static struct cell *find(const struct row *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->cells[i].key, key) == 0)
			return &r->cells[i];
	return NULL;
}

void row_set(struct row *r, const char *key, const char *val)
{
	struct cell *c = find(r, key);
	if (c) {
		free(c->val);
		if (val) {
			c->val = xstrdup(val);
			return;
		}
		free(c->key);
		*c = r->cells[--r->n]; /* order of cells carries no meaning */
		return;
	}
	if (!val)
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 32;
		r->cells = xrealloc(r->cells, r->cap * sizeof(*r->cells));
	}
	r->cells[r->n].key = xstrdup(key);
	r->cells[r->n].val = xstrdup(val);
	r->n++;
}

void row_setf(struct row *r, const char *key, const char *fmt, ...)
{
	char *s;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		fprintf(stderr, "scbench: out of memory\n");
		exit(1);
	}
	va_end(ap);
	row_set(r, key, s);
	free(s);
}

void row_set_num(struct row *r, const char *key, double v)
{
	if (isnan(v) || isinf(v)) {
		row_set(r, key, "");
		return;
	}
	if (v == floor(v) && fabs(v) < 9007199254740992.0) /* 2^53: exact */
		row_setf(r, key, "%.0f", v);
	else
		row_setf(r, key, "%.10g", v);
}

const char *row_get(const struct row *r, const char *key)
{
	struct cell *c = find(r, key);
	return c ? c->val : NULL;
}

const char *row_str(const struct row *r, const char *key)
{
	const char *v = row_get(r, key);
	return v ? v : "";
}

double row_num(const struct row *r, const char *key)
{
	const char *v = row_get(r, key);
	char *end;
	if (!v || !*v)
		return NAN;
	errno = 0;
	double d = strtod(v, &end);
	if (errno || *end || end == v)
		return NAN;
	return d;
}

void rowset_init(struct rowset *s)
{
	memset(s, 0, sizeof(*s));
}

void rowset_free(struct rowset *s)
{
	for (size_t i = 0; i < s->n; i++)
		row_free(&s->rows[i]);
	free(s->rows);
	rowset_init(s);
}

struct row *rowset_add(struct rowset *s)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->rows = xrealloc(s->rows, s->cap * sizeof(*s->rows));
	}
	row_init(&s->rows[s->n]);
	return &s->rows[s->n++];
}

void strv_init(struct strv *s)
{
	memset(s, 0, sizeof(*s));
}

void strv_free(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	strv_init(s);
}

void strv_add(struct strv *s, const char *str)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = xstrdup(str);
}

int strv_find(const struct strv *s, const char *str)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], str) == 0)
			return (int)i;
	return -1;
}
