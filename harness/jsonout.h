/* Rows as one JSON document: {"schema_version": N, "rows": [{...}, ...]}.
 * Each key has one type in the whole document (integer, number or
 * string; null where the cell is empty: the figure does not apply), and a
 * number is printed with the digits its cell carries, no more. */
#ifndef SCB_JSONOUT_H
#define SCB_JSONOUT_H

#include <stdio.h>

#include "row.h"

/* The document of rows with these columns, in this order; 0, or -1 when
 * the stream could not take it. */
int rows_json(FILE *f, const struct strv *cols, const struct rowset *rows);

#endif
