/* A sweep spread and finished in pieces: --shard K/N runs a deterministic
 * share of the points, --resume DIR runs the points an interrupted set
 * lacks, after checking that the set was measured by this build. */
#ifndef SCB_RESUME_H
#define SCB_RESUME_H

#include "matrix.h"
#include "meta.h"
#include "resultset.h"

struct shard {
	long k, n; /* this is share k of n (1 <= k <= n); n 0: the whole sweep */
	char text[48];
};

/* "K/N" with 1 <= K <= N <= 10000; -1 with a message in err. */
int shard_parse(const char *s, struct shard *sh, char *err, size_t errlen);
/* meta.json's sweep record of the whole sweep, then the points of the
 * shard kept (point i of the sweep is in share i mod N + 1). Points keep
 * their number in the whole sweep, so logs and merges line up. */
json_t *shard_points(struct pointv *pts, const struct shard *sh);

/* Loads the set in dir and checks it against this build and sweep (meta as
 * it would be written now, its sweep record from shard_points). prior[i]
 * becomes the set's row of point i, or NULL where the set lacks it; meta
 * counts the rows found and keeps the set's start date. Returns 0, or -1
 * with err naming what differs. */
int resume_check(const char *dir, struct meta_info *meta, const struct pointv *pts,
		 struct rset *set, const struct row **prior, char *err, size_t errlen);

#endif
