/* Named sweeps: small text files of axis settings.
 *
 *   # comment
 *   name bench            the result set's default name
 *   ops 10000             settings before any [block] apply to every block
 *   [echo]                a block: one matrix of the sweep
 *   workload echo,pingpong
 *   conc 1..256
 *   no-icount             a flag without a value
 *
 * Keys are the command-line flags without their dashes; "key value" and
 * "key = value" both work. A sweep is the union of its blocks' matrices (or
 * the global settings alone when there is no block). */
#ifndef SCB_SWEEPFILE_H
#define SCB_SWEEPFILE_H

#include "axes.h"

struct sweepfile {
	char *name;
	struct axes global;
	struct axes *blocks;
	char **block_names;
	size_t nblocks;
};

int sweepfile_load(const char *path, struct sweepfile *s, char *err, size_t errlen);
void sweepfile_free(struct sweepfile *s);

#endif
