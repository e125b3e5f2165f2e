/* Derived figures and the cost model. QEMU charges a trap only its handler's
 * instructions, so instructions alone understate what a trap costs on real
 * cores; the model adds a per-event penalty (zero unless asked) and the
 * break-even says how large the trap penalty must be for async to win. */
#include "derive.h"

#include "coremodel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void schema_columns(const struct rowset *rows, struct strv *cols)
{
	for (size_t i = 0; i < columns_count(); i++)
		if (!columns_at(i)->tail)
			strv_add(cols, columns_at(i)->name);
	size_t fixed = cols->n;
	for (size_t r = 0; r < rows->n; r++)
		for (size_t i = 0; i < rows->rows[r].n; i++)
			if (strv_find(cols, rows->rows[r].cells[i].key) < 0)
				strv_add(cols, rows->rows[r].cells[i].key);
	qsort(cols->v + fixed, cols->n - fixed, sizeof(char *), cmp_str);
}

static double ratio(double a, double b)
{
	return isnan(a) || isnan(b) || b == 0 ? NAN : a / b;
}

/* A per-op column's value, from the count it divides: the exact double,
 * not the printed cell. */
static double per_op(const struct row *r, const char *column, double ops)
{
	return ratio(row_num(r, columns_find(column)->per_op), ops);
}

void derive_row(struct row *r, const struct penalties *pen)
{
	int host = strcmp(row_str(r, "target"), "host") == 0;
	row_setf(r, "schema_version", "%d", SCHEMA_VERSION);
	/* The model prices events the emulator does not charge; the host's
	 * wall clock already pays them, so its rows carry no penalty. */
	row_set_num(r, "p_trap", host ? NAN : pen->p_trap);
	row_set_num(r, "p_as", host ? NAN : pen->p_as);
	row_set_num(r, "p_ipi", host ? NAN : pen->p_ipi);
	if (strcmp(row_str(r, "status"), "ok") != 0)
		return;
	/* Per-op figures are marginal costs: the region begins after every
	 * task's first op, and region_ops counts the ops inside it. A run
	 * line without it (an older workload) divides by every op. */
	double ops = row_num(r, "region_ops");
	if (isnan(ops))
		ops = row_num(r, "ops_done");
	double ctx = row_num(r, "ctx_switches"), forced = row_num(r, "ctx_forced");
	if (host) {
		/* Linux splits switches into voluntary and involuntary; the
		 * involuntary ones are the preemptions, refos's "forced". */
		ctx = row_num(r, "ctx_vol") + row_num(r, "ctx_invol");
		forced = row_num(r, "ctx_invol");
	}
	/* The counts per op the schema names (a column's per_op); a tail
	 * column only where its count is. */
	for (size_t i = 0; i < columns_count(); i++) {
		const struct column *c = columns_at(i);
		if (c->per_op && (!c->tail || row_get(r, c->per_op)))
			row_set_num(r, c->name, ratio(row_num(r, c->per_op), ops));
	}
	double instr = per_op(r, "instr_per_op", ops), traps = per_op(r, "traps_per_op", ops);
	double as = per_op(r, "as_switches_per_op", ops), ipis = per_op(r, "ipis_per_op", ops);
	/* Filling and checking the bytes is the workload's cost; what is left
	 * is the mechanism's (verify_instret: refos only). */
	row_set_num(r, "mech_instr_per_op", instr - per_op(r, "verify_instr_per_op", ops));
	/* QEMU has no user-interrupt hardware: the uintr_return traps and the
	 * IPIs that only the emulation sends would not exist on it (an upper
	 * bound of the saving: an IPI may land while its hart is in S-mode). */
	double emul = row_num(r, "uintr_returns") + row_num(r, "uintr_ipis");
	if (!isnan(emul))
		row_set_num(r, "traps_per_op_hw_uintr",
			    ratio(fmax(0, row_num(r, "u_traps") - emul), ops));
	row_set_num(r, "ctx_per_op", ratio(ctx, ops));
	row_set_num(r, "timeout_rate", ratio(forced, ctx));
	/* On refos every system call is an ecall. */
	row_set_num(r, "syscalls_per_op", ratio(row_num(r, host ? "syscalls" : "ecalls"), ops));
	row_set_num(r, "ops_per_vsec", host ? NAN : ratio(ops, row_num(r, "vtime_ns") / 1e9));
	row_set_num(r, "ops_per_sec", host ? ratio(ops, row_num(r, "wall_ns") / 1e9) : NAN);
	/* A zero penalty needs no count: a missing counter must not blank
	 * the model when it would contribute nothing. */
	double m = instr;
	m += pen->p_trap == 0 ? 0 : pen->p_trap * traps;
	m += pen->p_as == 0 ? 0 : pen->p_as * as;
	m += pen->p_ipi == 0 ? 0 : pen->p_ipi * ipis;
	/* --core: the misses and trap costs the plugin's model counted */
	if (pen->core && row_get(r, "emu_cm_cyc_miss")) {
		row_set(r, "core", pen->core);
		m += core_derive_row(r, ops);
	}
	row_set_num(r, "modelled_cycles_per_op", m);
}

static int same(const struct row *a, const struct row *b, const char *k)
{
	return strcmp(row_str(a, k), row_str(b, k)) == 0;
}

/* The sync row to compare an async row with: same point, preferring the
 * same harts and rep, else the fewest harts (sync on one core is what an
 * async kernel on two must beat). */
static const struct row *sync_reference(const struct rowset *rows, const size_t *syncs,
					 size_t nsync, const struct row *a)
{
	static const char *const keys[] = {"target", "workload", "size", "conc", "hz", "knobs", "icount", "ops"};
	const struct row *best = NULL;
	int best_score = -1;
	for (size_t i = 0; i < nsync; i++) {
		const struct row *s = &rows->rows[syncs[i]];
		int match = 1;
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]) && match; k++)
			match = same(a, s, keys[k]);
		if (!match)
			continue;
		int score = 2 * same(a, s, "harts") + same(a, s, "rep");
		if (score > best_score || (score == best_score && best &&
					   row_num(s, "harts") < row_num(best, "harts"))) {
			best = s;
			best_score = score;
		}
	}
	return best;
}

void derive_breakeven(struct rowset *rows)
{
	/* The sync rows, found once: the references come only from them. */
	size_t *syncs = xmalloc((rows->n ? rows->n : 1) * sizeof(*syncs)), nsync = 0;
	for (size_t i = 0; i < rows->n; i++)
		if (!strcmp(row_str(&rows->rows[i], "backend"), "sync") &&
		    !strcmp(row_str(&rows->rows[i], "status"), "ok"))
			syncs[nsync++] = i;
	for (size_t i = 0; i < rows->n; i++) {
		struct row *a = &rows->rows[i];
		row_set(a, "breakeven_p_trap", "");
		row_set(a, "breakeven_note", "");
		if (strncmp(row_str(a, "backend"), "async", 5) || strcmp(row_str(a, "status"), "ok") ||
		    strcmp(row_str(a, "target"), "refos"))
			continue;
		const struct row *s = sync_reference(rows, syncs, nsync, a);
		if (!s) {
			row_set(a, "breakeven_note", "no sync row at this point");
			continue;
		}
		core_breakeven(a, s);
		/* async wins when Ia + P*Ta < Is + P*Ts, i.e. P*(Ts - Ta) > Ia - Is */
		double num = row_num(a, "instr_per_op") - row_num(s, "instr_per_op");
		double den = row_num(s, "traps_per_op") - row_num(a, "traps_per_op");
		if (isnan(num) || isnan(den)) {
			row_set(a, "breakeven_note", "counters missing");
		} else if (den > 0) {
			row_set_num(a, "breakeven_p_trap", num / den);
			row_set(a, "breakeven_note", num / den <= 0 ? "async wins at any penalty"
							      : "async wins above this penalty");
		} else if (den == 0) {
			row_set(a, "breakeven_note", num < 0 ? "same traps: async wins at any penalty"
							     : "same traps: async never wins");
		} else if (num < 0) {
			char note[120];
			snprintf(note, sizeof(note), "async traps more: async wins only below %.4g",
				 num / den);
			row_set(a, "breakeven_note", note);
		} else {
			row_set(a, "breakeven_note", "async traps more and runs more: never wins");
		}
	}
	free(syncs);
}

int profile_load(const char *dir, const char *name, struct penalties *pen, char *err, size_t errlen)
{
	char *path;
	FILE *f;
	if (strchr(name, '/'))
		path = xstrdup(name);
	else if (asprintf(&path, "%s/%s.profile", dir, name) < 0)
		return -1;
	if (!(f = fopen(path, "r"))) {
		snprintf(err, errlen, "--profile: cannot open %s (profiles live in %s)", path, dir);
		free(path);
		return -1;
	}
	char line[1024];
	int ln = 0, rc = 0;
	pen->p_trap = pen->p_as = pen->p_ipi = 0;
	pen->source = NULL;
	while (fgets(line, sizeof(line), f) && !rc) {
		ln++;
		char key[64], val[960];
		char *s = line + strspn(line, " \t");
		if (*s == '#' || *s == '\n' || !*s)
			continue;
		s[strcspn(s, "\n")] = 0;
		if (sscanf(s, "%63[a-z_] = %959[^\n]", key, val) != 2) {
			snprintf(err, errlen, "%s:%d: want 'key = value'", path, ln);
			rc = -1;
		} else if (!strcmp(key, "source")) {
			free(pen->source);
			pen->source = xstrdup(val);
		} else if (!strcmp(key, "p_trap") || !strcmp(key, "p_as") || !strcmp(key, "p_ipi")) {
			char *end;
			double v = strtod(val, &end);
			if (end == val || *end || !(v >= 0)) {
				snprintf(err, errlen, "%s:%d: %s must be a number >= 0", path, ln, key);
				rc = -1;
			}
			*(key[2] == 't' ? &pen->p_trap : key[2] == 'a' ? &pen->p_as : &pen->p_ipi) = v;
		} else {
			snprintf(err, errlen, "%s:%d: unknown key '%s'", path, ln, key);
			rc = -1;
		}
	}
	fclose(f);
	if (!rc && !pen->source) {
		snprintf(err, errlen, "%s: a profile must cite its source ('source = ...')", path);
		rc = -1;
	}
	if (!rc)
		pen->profile = xstrdup(name);
	free(path);
	return rc;
}
