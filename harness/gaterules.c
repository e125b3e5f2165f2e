/* Gate rules: parsing and checking. A rule that selects no row fails, so a
 * typo in a column name or a filter can never make the gate pass quietly. */
#include "gaterules.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "summary.h"

static const char *const op_text[] = {[OP_GE] = ">=", [OP_LE] = "<=", [OP_EQ] = "==", [OP_NE] = "!="};

static int parse_num(const char *s, double *v)
{
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	return errno || end == s || *end || isnan(*v) ? -1 : 0;
}

static int parse_op(const char *s, enum gate_op *op)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(s, op_text[i])) {
			*op = (enum gate_op)i;
			return 0;
		}
	return -1;
}

/* COLUMN=V1,V2 or COLUMN>=N or COLUMN<=N, in one word. */
static int parse_filter(const char *w, struct gate_filter *f, char *why, size_t n)
{
	const char *ge = strstr(w, ">="), *le = strstr(w, "<="), *eq = strchr(w, '=');
	const char *at = ge ? ge : le ? le : eq;
	memset(f, 0, sizeof(*f));
	if (!at || at == w || !at[ge || le ? 2 : 1]) {
		snprintf(why, n, "'%s' is not a filter (COLUMN=A,B or COLUMN>=N or COLUMN<=N)", w);
		return -1;
	}
	f->col = strndup(w, (size_t)(at - w));
	if (ge || le) {
		f->op = ge ? OP_GE : OP_LE;
		if (parse_num(at + 2, &f->num)) {
			snprintf(why, n, "filter '%s': '%s' is not a number", w, at + 2);
			return -1;
		}
		return 0;
	}
	f->op = OP_EQ;
	char *copy = xstrdup(at + 1), *save = NULL;
	for (char *v = strtok_r(copy, ",", &save); v; v = strtok_r(NULL, ",", &save))
		strv_add(&f->vals, v);
	free(copy);
	return 0;
}

static int parse_line(char *line, int lineno, struct gate_rule *r, char *why, size_t n)
{
	char *words[64];
	size_t nw = 0;
	memset(r, 0, sizeof(*r));
	for (char *w = strtok(line, " \t"); w; w = strtok(NULL, " \t")) {
		if (nw == 64) {
			snprintf(why, n, "too many words");
			return -1;
		}
		words[nw++] = w;
	}
	r->line = lineno;
	if (!nw) {
		snprintf(why, n, "empty rule");
		return -1;
	}
	int grow = !strcmp(words[0], "grow");
	if (!grow && strcmp(words[0], "require")) {
		snprintf(why, n, "'%s' is not a rule (require, grow)", words[0]);
		return -1;
	}
	size_t tail = grow ? 2 : 3; /* METRIC PERCENT% | METRIC OP VALUE */
	if (nw < 1 + tail) {
		snprintf(why, n, grow ? "want: grow [FILTER...] METRIC PERCENT%%"
				      : "want: require [FILTER...] METRIC OP VALUE");
		return -1;
	}
	r->grow = grow;
	r->nf = nw - 1 - tail;
	r->f = calloc(r->nf ? r->nf : 1, sizeof(*r->f));
	for (size_t i = 0; i < r->nf; i++)
		if (parse_filter(words[1 + i], &r->f[i], why, n))
			return -1;
	r->metric = xstrdup(words[nw - tail]);
	if (grow) {
		char *pct = words[nw - 1];
		size_t l = strlen(pct);
		if (l < 2 || pct[l - 1] != '%' || (pct[l - 1] = 0, parse_num(pct, &r->pct)) || r->pct < 0) {
			snprintf(why, n, "'%s%%' is not a percentage >= 0 (e.g. 1%%)", pct);
			return -1;
		}
		return 0;
	}
	if (parse_op(words[nw - 2], &r->op)) {
		snprintf(why, n, "'%s' is not an operator (>= <= == !=)", words[nw - 2]);
		return -1;
	}
	r->value = xstrdup(words[nw - 1]);
	if (parse_num(r->value, &r->num))
		r->num = NAN;
	if (isnan(r->num) && (r->op == OP_GE || r->op == OP_LE)) {
		snprintf(why, n, "'%s' is not a number, and %s needs one", r->value, op_text[r->op]);
		return -1;
	}
	return 0;
}

int gate_rules_load(const char *path, struct gate_rules *rs, char *err, size_t errlen)
{
	size_t len;
	char *text = read_whole_file(path, &len);
	memset(rs, 0, sizeof(*rs));
	rs->path = path;
	if (!text) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	int lineno = 0, rc = 0;
	for (char *line = text, *next; line && !rc; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		char *s = line + strspn(line, " \t\r");
		if (!*s)
			continue;
		char *e = s + strlen(s);
		while (e > s && strchr(" \t\r", e[-1]))
			*--e = 0;
		char why[300];
		rs->v = xrealloc(rs->v, (rs->n + 1) * sizeof(*rs->v));
		char *as_written = xstrdup(s);
		if (parse_line(s, lineno, &rs->v[rs->n], why, sizeof(why))) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, why);
			rs->v[rs->n].text = as_written;
			rs->n++;
			rc = -1;
			break;
		}
		rs->v[rs->n++].text = as_written;
	}
	free(text);
	if (!rc && !rs->n) {
		snprintf(err, errlen, "%s: no rules", path);
		rc = -1;
	}
	return rc;
}

void gate_rules_free(struct gate_rules *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		struct gate_rule *r = &rs->v[i];
		for (size_t k = 0; k < r->nf; k++) {
			free(r->f[k].col);
			strv_free(&r->f[k].vals);
		}
		free(r->f);
		free(r->metric);
		free(r->value);
		free(r->text);
	}
	free(rs->v);
	memset(rs, 0, sizeof(*rs));
}

static int selects(const struct gate_rule *r, const struct row *row)
{
	for (size_t k = 0; k < r->nf; k++) {
		const struct gate_filter *f = &r->f[k];
		if (f->op == OP_EQ) {
			if (strv_find(&f->vals, row_str(row, f->col)) < 0)
				return 0;
			continue;
		}
		double v = row_num(row, f->col);
		if (isnan(v) || (f->op == OP_GE ? v < f->num : v > f->num))
			return 0;
	}
	return 1;
}

char *gate_point_name(const struct row *r)
{
	char *s;
	const char *sq = row_str(r, "sqmode"), *no = row_str(r, "notify"), *kn = row_str(r, "knobs");
	if (asprintf(&s, "%s %s%s%s%s%s harts=%s hz=%s%s%s conc=%s size=%s ops=%s",
		     row_str(r, "workload"), row_str(r, "backend"), *sq ? " " : "", sq,
		     *no ? "/" : "", no, row_str(r, "harts"), row_str(r, "hz"), *kn ? " " : "",
		     kn, row_str(r, "conc"), row_str(r, "size"), row_str(r, "ops")) < 0)
		return xstrdup("?");
	return s;
}

const struct row *gate_find_point(const struct rowset *baseline, const struct row *r)
{
	for (size_t i = 0; i < baseline->n; i++) {
		const char *const *k = point_keys();
		while (*k && !strcmp(row_str(&baseline->rows[i], *k), row_str(r, *k)))
			k++;
		if (!*k)
			return &baseline->rows[i];
	}
	return NULL;
}

static int holds(const struct gate_rule *r, const char *got)
{
	double v;
	if (!isnan(r->num)) {
		if (parse_num(got, &v))
			return 0; /* an empty or missing figure fails any limit */
		switch (r->op) {
		case OP_GE: return v >= r->num;
		case OP_LE: return v <= r->num;
		case OP_EQ: return v == r->num;
		case OP_NE: return v != r->num;
		}
	}
	int same = !strcmp(got, r->value);
	return r->op == OP_EQ ? same : !same;
}

static size_t check_row(const struct gate_rules *rs, struct gate_rule *r, const struct row *row,
			const struct rowset *baseline, FILE *f)
{
	char *name = gate_point_name(row);
	const char *got = row_str(row, r->metric);
	size_t bad = 0;
	if (!r->grow) {
		if (!holds(r, got)) {
			fprintf(f, "FAIL %s:%d (%s): %s: %s measured %s, baseline -, limit %s %s\n",
				rs->path, r->line, r->text, name, r->metric, *got ? got : "(empty)",
				op_text[r->op], r->value);
			bad = 1;
		}
		free(name);
		return bad;
	}
	const struct row *b = gate_find_point(baseline, row);
	double now = row_num(row, r->metric), was = b ? row_num(b, r->metric) : NAN;
	/* A relative slack of 1e-9 absorbs the rounding of the written
	 * baseline (10 significant digits), nothing more. */
	double limit = was * (1 + r->pct / 100) + fabs(was) * 1e-9;
	if (!b)
		fprintf(f, "FAIL %s:%d (%s): %s: not in the baseline (the gate sweep changed? "
			   "make baseline, and say why in the commit)\n", rs->path, r->line, r->text, name);
	else if (isnan(was))
		fprintf(f, "FAIL %s:%d (%s): %s: the baseline has no %s (make baseline)\n",
			rs->path, r->line, r->text, name, r->metric);
	else if (isnan(now) || now > limit)
		fprintf(f, "FAIL %s:%d (%s): %s: %s measured %s, baseline %s, limit %.10g (+%g%%)\n",
			rs->path, r->line, r->text, name, r->metric, *got ? got : "(empty)",
			row_str(b, r->metric), was * (1 + r->pct / 100), r->pct);
	bad = !b || isnan(was) || isnan(now) || now > limit;
	free(name);
	return bad;
}

size_t gate_check(const struct gate_rules *rs, const struct rowset *rows,
		  const struct rowset *baseline, FILE *f)
{
	size_t bad = 0;
	for (size_t i = 0; i < rs->n; i++) {
		struct gate_rule *r = &rs->v[i];
		r->matched = 0;
		if (r->grow && !baseline)
			continue;
		for (size_t k = 0; k < rows->n; k++)
			if (selects(r, &rows->rows[k])) {
				r->matched++;
				bad += check_row(rs, r, &rows->rows[k], baseline, f);
			}
		if (!r->matched) {
			fprintf(f, "FAIL %s:%d (%s): selects no row of the sweep (a typo? the sweep "
				   "changed?)\n", rs->path, r->line, r->text);
			bad++;
		}
	}
	/* A point that vanished from the sweep would escape every grow rule. */
	for (size_t b = 0; baseline && b < baseline->n; b++)
		if (!gate_find_point(rows, &baseline->rows[b])) {
			char *name = gate_point_name(&baseline->rows[b]);
			fprintf(f, "FAIL %s: in the baseline but not measured (make baseline if the "
				   "gate sweep changed on purpose)\n", name);
			free(name);
			bad++;
		}
	return bad;
}
