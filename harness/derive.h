/* Derived figures of a result row, the cost model and the break-even trap
 * penalty, and the fixed column order of runs.csv. */
#ifndef SCB_DERIVE_H
#define SCB_DERIVE_H

#include "row.h"

#define SCHEMA_VERSION 1

struct penalties {
	double p_trap, p_as, p_ipi; /* cycles per trap, AS switch, IPI */
	char *profile;              /* name, or NULL when given by flags */
	char *source;               /* the citation of the profile */
	char *core;                 /* --core: the core profile the plugin's model charged */
	char *core_sources;         /* ... and its citations */
};

/* Per-op figures and modelled cycles of one row (only of "ok" rows: a
 * failed run is never counted). */
void derive_row(struct row *r, const struct penalties *pen);
/* Break-even trap penalty of every async row against the sync row of the
 * same target, workload, size, conc, hz, knobs and icount. */
void derive_breakeven(struct rowset *rows);
/* The columns of runs.csv: the fixed schema, then any other key found in
 * the rows, sorted (new counters appear without reordering old ones). */
void schema_columns(const struct rowset *rows, struct strv *cols);

/* Loads harness profile NAME (a file NAME.profile in dir, or a path). */
int profile_load(const char *dir, const char *name, struct penalties *pen, char *err, size_t errlen);

#endif
