/* CSV in and out (RFC 4180 quoting) and the atomic file write every output
 * of the harness goes through. */
#ifndef SCB_CSV_H
#define SCB_CSV_H

#include <stdio.h>

#include "row.h"

/* Writes s as one CSV field, quoted only when it must be. */
void csv_field(FILE *f, const char *s);
/* Header line of cols, then one line per row (absent cells empty). */
void csv_write(FILE *f, const struct strv *cols, const struct rowset *rows);
/* csv_write into path through a temporary file and rename(2): readers see
 * the old file or the new one, never a part. Returns 0 or -errno. */
int csv_write_file(const char *path, const struct strv *cols, const struct rowset *rows);

/* Parses CSV text; the first record names the columns. Returns 0, or -1 with
 * a message naming the line in err. cols may be NULL. */
int csv_parse(const char *text, struct strv *cols, struct rowset *rows, char *err, size_t errlen);
int csv_read_file(const char *path, struct strv *cols, struct rowset *rows, char *err, size_t errlen);

/* Writes len bytes to path atomically (temporary name in the same folder,
 * fsync, rename). Returns 0 or -errno; on error path is untouched. */
int atomic_write(const char *path, const char *data, size_t len);
/* mkdir -p: 0, or -1 with errno. */
int mkdir_p(const char *path);
/* Reads a whole file into a NUL-terminated buffer (caller frees), or NULL. */
char *read_whole_file(const char *path, size_t *len);

#endif
