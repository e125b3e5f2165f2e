/* The axes of a sweep: what the command line and sweep files set. The same
 * key names work in both (`--conc 1..64` on the command line is `conc 1..64`
 * in a file), and both go through axes_set(). */
#ifndef SCB_AXES_H
#define SCB_AXES_H

#include <stddef.h>

#include "opts.h"
#include "row.h"

struct ilist {
	long *v;
	size_t n;
};

enum axis {
	AX_TARGET, AX_WORKLOAD, AX_BACKEND, AX_SQMODE, AX_NOTIFY, AX_HARTS,
	AX_HZ, AX_CONC, AX_SIZE, AX_OPS, AX_REPS, AX_TIMEOUT, AX_KNOB,
	AX_NO_ICOUNT, AX_FORCE_REPS, AX_TRACE, AX_INSTRUMENT, AX_COUNT
};

struct axes {
	struct strv target, workload, backend, sqmode, notify, knob;
	struct ilist harts, hz, conc, size, ops;
	long reps;
	double timeout_s;
	int no_icount, force_reps, trace;
	int no_emu; /* --instrument none: refos without the emulator plugin */
	unsigned set; /* bit (1u << enum axis) for each axis given */
};

void axes_init(struct axes *a);
void axes_free(struct axes *a);
/* Index of an axis key ("conc", "no-icount"), or -1. *takes_value tells
 * whether it needs a value. */
int axes_key(const char *key, int *takes_value);
/* The key of an axis ("no-icount"), or NULL. */
const char *axes_name(int ax);
/* Sets one axis from its text; -1 with a message naming the key on error. */
int axes_set(struct axes *a, const char *key, const char *val, char *err, size_t errlen);
/* Every axis set in src replaces the one in dst (knobs are added, a later
 * knob of the same name winning). */
void axes_merge(struct axes *dst, const struct axes *src);
/* The axes as options of scbench run (sweep = 0) or sweep, ids the enum
 * axis values, with the defaults each shows: into out[AX_COUNT]. */
size_t axes_options(int sweep, struct opt *out);
/* Fills the axes nobody set; `sweep` picks the sweep defaults (every
 * concurrency 1..256, sync and async) over the single-point ones of run. */
void axes_defaults(struct axes *a, int sweep);

/* Exposed for the tests: "1,2,4", "1..256" (doubling), mixed. */
int parse_int_list(const char *s, long min, long max, struct ilist *out, char *err, size_t errlen);
int parse_name_list(const char *s, const char *const *allowed, struct strv *out, char *err, size_t errlen);

#endif
