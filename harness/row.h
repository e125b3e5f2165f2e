/* A row is an ordered set of named text cells: one run, one summary line or
 * one CSV record. Everything the harness reads or writes goes through rows,
 * so a CSV read back from disk is the same thing as a freshly measured run. */
#ifndef SCB_ROW_H
#define SCB_ROW_H

#include <stddef.h>

struct cell {
	char *key;
	char *val;
};

struct row {
	struct cell *cells;
	size_t n, cap;
};

struct rowset {
	struct row *rows;
	size_t n, cap;
};

void row_init(struct row *r);
void row_free(struct row *r);
void row_copy(struct row *dst, const struct row *src);
/* Set (or replace) a cell; val NULL removes it. */
void row_set(struct row *r, const char *key, const char *val);
void row_setf(struct row *r, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Numbers: integral values print without a fraction; NaN leaves the cell
 * empty, so a figure that cannot be computed is never a made-up zero. */
void row_set_num(struct row *r, const char *key, double v);
const char *row_get(const struct row *r, const char *key); /* NULL: absent */
const char *row_str(const struct row *r, const char *key); /* "" if absent */
double row_num(const struct row *r, const char *key);      /* NaN if not a number */

void rowset_init(struct rowset *s);
void rowset_free(struct rowset *s);
struct row *rowset_add(struct rowset *s); /* a new empty row, owned by s */

/* A growable list of strings (column names, list values). */
struct strv {
	char **v;
	size_t n, cap;
};
void strv_init(struct strv *s);
void strv_free(struct strv *s);
void strv_add(struct strv *s, const char *str);
int strv_find(const struct strv *s, const char *str); /* index or -1 */

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
