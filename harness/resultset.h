/* A result set read back from disk (runs.csv and meta.json), what makes two
 * sets one measurement (same schema, commit, tools and cost model), and the
 * identity of a point, so a resumed sweep and a merge match rows to points. */
#ifndef SCB_RESULTSET_H
#define SCB_RESULTSET_H

#include <jansson.h>

#include "matrix.h"
#include "row.h"

struct rset {
	char *dir;
	json_t *meta;       /* meta.json */
	struct strv cols;   /* runs.csv header */
	struct rowset rows; /* runs.csv */
};

/* Reads DIR/runs.csv and DIR/meta.json and checks the schema: the set's
 * schema_version and the leading columns of runs.csv are this build's.
 * Returns 0, or -1 with a message naming the file in err. */
int rset_load(const char *dir, struct rset *s, char *err, size_t errlen);
void rset_free(struct rset *s);

/* Do sets measured under metas a and b belong together? The commit (and
 * whether the tree was dirty), the tools that shape a figure (QEMU, the
 * compilers; a tool one side lacks is not a difference) and the cost model
 * must agree. Returns 0, or -1 with err naming the key and both values. */
int rset_meta_match(json_t *a, json_t *b, const char *an, const char *bn, char *err,
		    size_t errlen);

/* The text naming a point: its parameter cells, "k=v" joined by spaces,
 * empty ones left out. Caller frees. */
char *row_point_key(const struct row *r);
char *point_key(const struct point *p);

/* meta.json's record of the sweep: every point's key in sweep order and the
 * shard ("K/N", or NULL for the whole sweep). */
json_t *sweep_record(const struct strv *keys, const char *shard);
/* Compares a set's sweep record with this command's; -1 with err saying
 * what differs first. */
int sweep_match(json_t *stored, json_t *now, const char *dir, char *err, size_t errlen);

#endif
