/* The column schema: every column scbench writes, once, with its unit,
 * where its value comes from, the lists it belongs to and what it means.
 * runs.csv's order, the keys a @run line may not overwrite, summary.csv,
 * compare, the gate's baseline, the plot data and figures, the Markdown
 * tables and docs/metrics.md are all derived from it (harness/columns.c;
 * `scbench columns` prints it). refos's counters come from the uapi
 * header's RF_HART_COUNTERS, the emulator's from EMU_COUNTERS and its cache
 * model's CM_LEVELS x CM_FIELDS and CM_TOTALS. */
#ifndef SCB_COLUMNS_H
#define SCB_COLUMNS_H

#include <stddef.h>
#include <stdio.h>

/* Where a value comes from (bits: a column both targets fill has two). */
enum col_source {
	SRC_PARAM = 1 << 0,    /* the point asked for, written by the harness */
	SRC_WORKLOAD = 1 << 1, /* the portable workload code, in its @run line */
	SRC_REFOS = 1 << 2,    /* a refos per-hart counter (RF_HART_COUNTERS) */
	SRC_CSR = 1 << 3,      /* a refos CSR the workload reads */
	SRC_HOST = 1 << 4,     /* wl-host: getrusage, perf, the BPF tracer */
	SRC_EMU = 1 << 5,      /* the emulator plugin's @emu line */
	SRC_DERIVED = 1 << 6,  /* computed by the harness from other columns */
	SRC_HARNESS = 1 << 7,  /* the harness's own: status, clocks, notes */
};
#define SRC_FROM_RUN (SRC_WORKLOAD | SRC_REFOS | SRC_CSR | SRC_HOST)

/* The section of docs/metrics.md a column is described in. */
enum col_doc {
	DOC_POINT = 1, DOC_RUN, DOC_HARNESS, DOC_DERIVED, DOC_MODEL, DOC_HYPERFINE,
	DOC_HOST_EXTRA, DOC_EMU, DOC_NSECTIONS
};

/* The figure scbench plot draws of a column (plots/curves.gp). */
struct col_figure {
	unsigned char rank;    /* order among the figures */
	const char *target;    /* refos or host */
	const char *suffix;    /* file name: STEM-SUFFIX.svg */
	const char *what;      /* for people: "traps per op" */
	const char *ylabel;
	const char *scale;     /* "linear" (from 0) or "log" */
	int untraced;          /* timing: leave traced host curves out */
	const char *notify;    /* drawn only when some curve uses this notify */
	const char *why_none;  /* what is missing when no row has the column */
	/* Which way async beats sync on this column, for the region its figure
	 * marks (plots/curves.gp): "lower", "higher", "breakeven" (async wins at
	 * a trap cost above the curve); NULL for a mechanism, not a cost (traps,
	 * system calls, switches: fewer is what async is built for; whether
	 * that pays is the cost columns' question). */
	const char *better;
};

/* The roles below are positions (1, 2, ...) in that list, 0 when not in
 * it: each list keeps the order it has always had. */
struct column {
	const char *name, *unit;
	unsigned source;         /* enum col_source bits */
	enum col_doc doc;
	const char *desc;
	const char *run_key;     /* the @run key it is read from, when not name */
	unsigned char tail;      /* only where some row has it, sorted after the fixed columns */
	unsigned char checked;   /* a parameter the @run line must echo */
	unsigned char summary;   /* summary.csv's statistics */
	unsigned char quiet;     /* ... whose outliers a sweep does not warn about */
	unsigned char compare;   /* scbench compare's ratios */
	unsigned char gate;      /* kept in the gate's baseline */
	unsigned char plot;      /* a column of the plot data files */
	unsigned char md;        /* run --format md (md_if_set: only when some row has it) */
	unsigned char md_if_set;
	unsigned char md_refos;  /* summary.md's refos table */
	unsigned char md_host;   /* summary.md's host table */
	const char *md_label;    /* summary.md's heading for it */
	const struct col_figure *figure;
	const char *per_op;      /* derived: this column divided by the region's ops */
};

/* Every column, in runs.csv order: the fixed ones, then the tail ones. */
size_t columns_count(void);
const struct column *columns_at(size_t i);
const struct column *columns_find(const char *name); /* NULL: not in the schema */

/* The lists derived from the roles. */
enum col_role { ROLE_SUMMARY, ROLE_COMPARE, ROLE_GATE, ROLE_PLOT, ROLE_MD, ROLE_MD_REFOS,
		ROLE_MD_HOST, ROLE_FIGURE, ROLE_NROLES };
/* The columns of one list, in its order, NULL-terminated (built once). */
const struct column *const *columns_role(enum col_role role);
/* Their names, the same way. */
const char *const *columns_role_names(enum col_role role);
const char *columns_role_name(enum col_role role); /* "summary" */

/* Source bits as words ("refos counter, host counter"). */
const char *columns_source_name(unsigned source, char *buf, size_t len);
/* Problems of the schema (a column without a description, unit or
 * section, a name twice, two columns at one place in a list), one line
 * each on f; returns how many. */
int columns_check(FILE *f);

#endif
