/* The rules of the performance gate (ci/gate.rules) and their verdict on a
 * result set. The file format is described at the top of ci/gate.rules. */
#ifndef SCB_GATERULES_H
#define SCB_GATERULES_H

#include <stdio.h>

#include "row.h"

enum gate_op { OP_GE, OP_LE, OP_EQ, OP_NE };

struct gate_filter {
	char *col;
	enum gate_op op;  /* OP_EQ: one of vals; OP_GE/OP_LE: against num */
	struct strv vals;
	double num;
};

struct gate_rule {
	int grow;         /* 0: require (shape), 1: grow (against the baseline) */
	int line;
	char *text;       /* the rule as written, for messages */
	struct gate_filter *f;
	size_t nf;
	char *metric;
	enum gate_op op;  /* require */
	char *value;      /* require: as written */
	double num;       /* require: value as a number (NaN: compared as text) */
	double pct;       /* grow: allowed growth in percent */
	size_t matched;   /* rows the rule looked at */
};

struct gate_rules {
	struct gate_rule *v;
	size_t n;
	const char *path;
};

/* Parses a rule file; -1 with "FILE:LINE: why" in err. */
int gate_rules_load(const char *path, struct gate_rules *rs, char *err, size_t errlen);
void gate_rules_free(struct gate_rules *rs);

/* Checks every row against the rules, and against the baseline's row of the
 * same point for grow rules (baseline may be NULL: grow rules are then not
 * checked). Prints one FAIL line per violation on f; returns how many. */
size_t gate_check(const struct gate_rules *rs, const struct rowset *rows,
		  const struct rowset *baseline, FILE *f);

/* "echo async enter/poll harts=1 hz=100 conc=32 size=64 ops=1000" */
char *gate_point_name(const struct row *r);
/* The row of baseline describing the same point as r, or NULL. */
const struct row *gate_find_point(const struct rowset *baseline, const struct row *r);

#endif
