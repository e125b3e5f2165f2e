/* The cells are text (runs.csv's): a key's type is chosen once for every
 * row, from the schema where it names text, else from the cells
 * themselves, so a column is never a number in one row and a string in
 * the next. */
#include "jsonout.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "derive.h"

enum jtype { J_INTEGER, J_NUMBER, J_STRING };

static int is_integer(const char *v)
{
	char *end;
	(void)strtoll(v, &end, 10);
	return end != v && !*end && !isspace((unsigned char)*v);
}

static int is_number(const char *v)
{
	char *end;
	double d = strtod(v, &end);
	return end != v && !*end && isfinite(d) && !isspace((unsigned char)*v);
}

/* Significant digits of a number's text ("657894.7368": 10). */
static int digits(const char *v)
{
	int n = 0, leading = 1;
	for (; *v && *v != 'e' && *v != 'E'; v++) {
		if (!isdigit((unsigned char)*v))
			continue;
		leading &= *v == '0';
		n += !leading;
	}
	return n;
}

static enum jtype column_type(const char *col, const struct rowset *rows, int *prec)
{
	const struct column *c = columns_find(col);
	/* Names, paths and free text stay strings even when they look numeric
	 * (a CPU list "1", a knob value). */
	if (c && (!strcmp(c->unit, "text") || !strcmp(c->unit, "name") || !strcmp(c->unit, "path")))
		return J_STRING;
	enum jtype t = c && (c->source & SRC_DERIVED) ? J_NUMBER : J_INTEGER;
	for (size_t r = 0; r < rows->n && t != J_STRING; r++) {
		const char *v = row_str(&rows->rows[r], col);
		if (!*v || (t == J_INTEGER && is_integer(v)))
			continue;
		t = is_number(v) ? J_NUMBER : J_STRING;
	}
	for (size_t r = 0; r < rows->n && t == J_NUMBER; r++)
		if (*row_str(&rows->rows[r], col) && digits(row_str(&rows->rows[r], col)) > *prec)
			*prec = digits(row_str(&rows->rows[r], col));
	return t;
}

static json_t *cell(const char *v, enum jtype t)
{
	if (!*v)
		return json_null();
	if (t == J_INTEGER)
		return json_integer(strtoll(v, NULL, 10));
	if (t == J_NUMBER)
		return json_real(strtod(v, NULL));
	return json_string(v);
}

int rows_json(FILE *f, const struct strv *cols, const struct rowset *rows)
{
	enum jtype *type = xmalloc((cols->n ? cols->n : 1) * sizeof(*type));
	int prec = 1;
	for (size_t c = 0; c < cols->n; c++)
		type[c] = column_type(cols->v[c], rows, &prec);
	json_t *doc = json_object(), *arr = json_array();
	json_object_set_new(doc, "schema_version", json_integer(SCHEMA_VERSION));
	for (size_t r = 0; r < rows->n; r++) {
		json_t *obj = json_object();
		for (size_t c = 0; c < cols->n; c++)
			json_object_set_new(obj, cols->v[c], cell(row_str(&rows->rows[r], cols->v[c]),
								  type[c]));
		json_array_append_new(arr, obj);
	}
	json_object_set_new(doc, "rows", arr);
	/* Up to 15 digits a decimal survives the trip through a double
	 * exactly; printing each number with the most digits any cell carries
	 * gives back every cell's own text. */
	int rc = json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
				    JSON_REAL_PRECISION(prec > 15 ? 17 : prec));
	fputc('\n', f);
	json_decref(doc);
	free(type);
	return rc;
}
