/* Core profiles (harness/cores/NAME.core, scbench --core NAME): the cache,
 * TLB and trap costs the emulator plugin's model charges, each figure
 * cited, and the columns derived from what the model counted. */
#ifndef SCB_COREMODEL_H
#define SCB_COREMODEL_H

#include <stddef.h>

#include "row.h"

#define CORE_DIR "harness/cores"

struct core_profile {
	char *name;
	char *plugin_args; /* "model=phys,l1i_size=...,...": the plugin's model keys */
	char *sources;     /* the citations, "; "-joined, for meta.json */
};

/* Loads dir/NAME.core (or the path NAME): every key one the model takes,
 * every value within what it accepts, every line citing a source or
 * saying it is an estimate. index is "virt" or "phys". Returns 0, or -1
 * with the reason in err. */
int core_load(const char *dir, const char *name, const char *index, struct core_profile *c,
	      char *err, size_t errlen);
void core_free(struct core_profile *c);

/* modelled_cycles of an ok refos row (emu_instr + the charged cycles;
 * the emu_cm_* counts per op are the schema's). Returns the charged
 * cycles per op of ops, 0 when the row has no model counts. */
double core_derive_row(struct row *r, double ops);
/* The break-even trap penalty of async row a against sync row s with the
 * model's cycles counted (breakeven_p_trap_core and its note): the
 * penalty per trap, on top of the model's, above which async wins. */
void core_breakeven(struct row *a, const struct row *s);

#endif
