/* Core profiles and the model's columns (see coremodel.h). */
#include "coremodel.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugin/cachemodel.h"

void core_free(struct core_profile *c)
{
	free(c->name);
	free(c->plugin_args);
	free(c->sources);
	memset(c, 0, sizeof(*c));
}

static void append(char **s, const char *sep, const char *add)
{
	char *n;
	if (asprintf(&n, "%s%s%s", *s ? *s : "", *s ? sep : "", add) < 0)
		abort();
	free(*s);
	*s = n;
}

/* "[ID...]" or "[estimate...]" at the end of val: 0 when it names a
 * source defined above (ids, each followed by a space) or is an estimate;
 * the bracket is cut off val. */
static int cited(char *val, const char *ids)
{
	char *open = strrchr(val, '[');
	size_t n = strlen(val);
	if (!open || n == 0 || val[n - 1] != ']')
		return -1;
	char id[64];
	if (sscanf(open + 1, "%63[^]: ]", id) != 1)
		return -1;
	char *e = open;
	while (e > val && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*e = 0;
	if (!strcmp(id, "estimate"))
		return 0;
	char want[80];
	snprintf(want, sizeof(want), " %s ", id);
	return strstr(ids, want) ? 0 : -1;
}

/* One "key = value [cite]" or "source ID = text" line into c; -1 with
 * the reason (without the place) in err. */
static int core_line(char *s, struct core_profile *c, struct cm_config *cfg, char **ids, char *err,
		     size_t errlen)
{
	char key[64], val[900];
	if (sscanf(s, "source %63[a-z0-9_-] = %899[^\n]", key, val) == 2) {
		char *sp;
		if (asprintf(&sp, " %s ", key) < 0)
			abort();
		append(ids, "", sp);
		free(sp);
		append(&c->sources, "; ", val);
		return 0;
	}
	if (sscanf(s, "%63[a-z0-9_] = %899[^\n]", key, val) != 2) {
		snprintf(err, errlen, "want 'key = value [source]' or 'source ID = citation'");
		return -1;
	}
	if (cited(val, *ids ? *ids : "")) {
		snprintf(err, errlen, "'%s' cites no source: end the line with [ID] of a source line "
			 "above, or [estimate: why]", key);
		return -1;
	}
	char why[200];
	int rc = cm_config_arg(cfg, key, val, why, sizeof(why));
	if (rc) {
		if (rc > 0)
			snprintf(err, errlen, "'%s' is not a key of the model (harness/plugin/cachemodel.h)", key);
		else
			snprintf(err, errlen, "%s: %s", key, why);
		return -1;
	}
	char *kv;
	if (asprintf(&kv, "%s=%s", key, val) < 0)
		abort();
	append(&c->plugin_args, ",", kv);
	free(kv);
	return 0;
}

/* The geometry as the plugin will check it, before anything boots. */
static int core_check(const struct cm_config *cfg, char *err, size_t errlen)
{
	struct cm_model m = {0};
	struct cm_hart h;
	uint64_t ctr[CM_NCOUNTERS];
	if (cm_model_init(&m, cfg, err, errlen))
		return -1;
	int rc = cm_hart_init(&h, &m, ctr, err, errlen);
	if (!rc)
		cm_hart_free(&h);
	cm_model_free(&m);
	return rc;
}

int core_load(const char *dir, const char *name, const char *index, struct core_profile *c,
	      char *err, size_t errlen)
{
	char *path, line[1024], why[300] = "", *ids = NULL;
	struct cm_config cfg;
	memset(c, 0, sizeof(*c));
	memset(&cfg, 0, sizeof(cfg));
	if (strchr(name, '/') ? asprintf(&path, "%s", name) < 0
			      : asprintf(&path, "%s/%s.core", dir, name) < 0)
		return -1;
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "--core: cannot open %s (core profiles live in %s)", path, dir);
		free(path);
		return -1;
	}
	if (asprintf(&c->plugin_args, "model=%s", index) < 0)
		abort();
	int ln = 0, rc = 0;
	while (!rc && fgets(line, sizeof(line), f)) {
		ln++;
		char *s = line + strspn(line, " \t");
		s[strcspn(s, "\n")] = 0;
		if (*s == '#' || !*s)
			continue;
		if (core_line(s, c, &cfg, &ids, why, sizeof(why)))
			rc = -1;
	}
	fclose(f);
	if (rc)
		snprintf(err, errlen, "%s:%d: %s", path, ln, why);
	else if (!c->sources && (rc = -1))
		snprintf(err, errlen, "%s: a core profile cites its sources ('source ID = ...')", path);
	else if ((rc = core_check(&cfg, why, sizeof(why))))
		snprintf(err, errlen, "%s: %s", path, why);
	free(ids);
	free(path);
	if (rc)
		core_free(c);
	else
		c->name = xstrdup(name);
	return rc;
}

static double ratio(double a, double b)
{
	return isnan(a) || isnan(b) || b == 0 ? NAN : a / b;
}

double core_derive_row(struct row *r, double ops)
{
	double miss = row_num(r, "emu_cm_cyc_miss"), trap = row_num(r, "emu_cm_cyc_trap");
	if (isnan(miss) || isnan(trap))
		return 0;
	row_set_num(r, "modelled_cycles", row_num(r, "emu_instr") + miss + trap);
	return ratio(miss + trap, ops);
}

void core_breakeven(struct row *a, const struct row *s)
{
	row_set(a, "breakeven_p_trap_core", "");
	row_set(a, "breakeven_core_note", "");
	if (!row_get(a, "modelled_cycles") || !row_get(s, "modelled_cycles"))
		return;
	/* async wins when Ca + P*Ta < Cs + P*Ts, C the modelled cycles */
	double num = row_num(a, "modelled_cycles_per_op") - row_num(s, "modelled_cycles_per_op");
	double den = row_num(s, "traps_per_op") - row_num(a, "traps_per_op");
	const char *note;
	if (isnan(num) || isnan(den))
		note = "counters missing";
	else if (den > 0) {
		row_set_num(a, "breakeven_p_trap_core", num / den);
		note = num <= 0 ? "async wins under the model at any further penalty"
				: "async wins above this penalty on top of the model's";
	} else
		note = num < 0 ? "async wins under the model; it traps no less"
			       : "async loses under the model and traps no less: never wins";
	row_set(a, "breakeven_core_note", note);
}
