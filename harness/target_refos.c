/* The refos target: the kernel ELF build/refos (--kernel), its knobs on the
 * command line (hz=, sqmode=, --knob), and its own counters in the @run
 * line, which its kernel prints with @exit and @panic. */
#include "target_guest.h"

#include <stdlib.h>
#include <string.h>


static char *refos_elf(const struct target_cfg *t)
{
	return xstrdup(t->kernel);
}

static void refos_load(const struct target_cfg *t, guest_add_fn *add, void *ctx)
{
	add(ctx, "-kernel");
	add(ctx, t->kernel);
}

static void refos_cmdline(const struct point *p, FILE *f)
{
	fprintf(f, "hz=%ld%s%s%s%s", p->hz, *p->sqmode ? " sqmode=" : "", p->sqmode,
		*p->knobs ? " " : "", p->knobs);
}

const struct guest_target refos_target = {
	.name = "refos",
	.stvec_symbol = "",   /* refos-args.sh knows refos's two vectors */
	.elf = refos_elf,
	.load = refos_load,
	.cmdline = refos_cmdline,
};
