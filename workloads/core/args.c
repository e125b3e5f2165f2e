/*
 * args.c - `<workload> --backend B --conc N --ops N --size N [--notify X]
 * [--procs]`, read by the table of wl_args.h, with "--opt value" and
 * "--opt=value" both accepted. Errors name the argument and what was wrong
 * with it.
 */
#define WL_ARGS_TABLES /* wl_args.h's tables live here */
#include "wl.h"

static int fail(char *err, size_t errlen, const char *opt, const char *why,
		const char *val)
{
	snprintf(err, errlen, "%s: %s%s%s%s", opt, why, val ? " '" : "",
		 val ? val : "", val ? "'" : "");
	return -1;
}

/* A decimal number in [min, max]; strtoul alone would accept "-1" and "". */
static int parse_num(const char *opt, const char *s, uint64_t min,
		     uint64_t max, uint64_t *out, char *err, size_t errlen)
{
	char *end;
	unsigned long long v;

	if (s[0] < '0' || s[0] > '9')
		return fail(err, errlen, opt, "expected a number, got", s);
	v = strtoul(s, &end, 10);
	if (*end != '\0')
		return fail(err, errlen, opt, "expected a number, got", s);
	if (v < min || v > max) {
		snprintf(err, errlen, "%s: %llu is out of range %llu..%llu",
			 opt, v, (unsigned long long)min,
			 (unsigned long long)max);
		return -1;
	}
	*out = v;
	return 0;
}

/* Stores one argument's value (NULL for a flag) into cfg. */
static int set_arg(enum wl_arg a, const char *opt, const char *val,
		   struct wl_config *cfg, char *err, size_t errlen)
{
	const struct wl_arg_spec *s = wl_arg_spec(a);
	uint64_t v = 0;

	if (s->kind == WL_KIND_NUM &&
	    parse_num(opt, val, s->min, s->max, &v, err, errlen))
		return -1;
	switch (a) {
	case WL_ARG_BACKEND:
		if (!val[0])
			return fail(err, errlen, opt, "empty", NULL);
		cfg->backend = val;
		break;
	case WL_ARG_NOTIFY: cfg->notify = val; break;
	case WL_ARG_CONC: cfg->conc = (unsigned)v; break;
	case WL_ARG_OPS: cfg->ops = v; break;
	case WL_ARG_SIZE: cfg->size = (size_t)v; break;
	case WL_ARG_PROCS: cfg->procs = true; break;
	case WL_ARG_SPIN: cfg->spin = v; break;
	}
	return 0;
}

/* The rules between arguments, the ones the harness checks too. */
static int check_combination(struct wl_config *cfg, unsigned given, char *err,
			     size_t errlen)
{
	int b = wl_backend_find(cfg->backend);
	uint64_t max = wl_workload_spec(cfg->workload)->max_size;

	if ((given & (1u << WL_ARG_SPIN)) && cfg->workload != WL_MIXED)
		return fail(err, errlen, "--spin", "only mixed has a CPU-bound task; not",
			    cfg->workload_name);
	if (cfg->size > max) {
		snprintf(err, errlen, "--size: %s messages are at most %llu bytes",
			 cfg->workload_name, (unsigned long long)max);
		return -1;
	}
	/* An unknown backend is wl_main's to report, with the list it has. */
	if (b >= 0) {
		const struct wl_backend_spec *bs = wl_backend_spec((enum wl_backend_id)b);
		const char *n = wl_notify_resolve(bs, cfg->notify);

		if (!n) {
			char modes[64];
			snprintf(err, errlen, "--notify: %s takes %s%s, not '%s'", bs->name,
				 bs->modes ? "one of " : "none",
				 wl_modes_text(bs, modes, sizeof(modes)), cfg->notify);
			return -1;
		}
		cfg->notify = n;
	}
	return 0;
}

/* The arguments that take a value, as bits. */
#define WL_X_VALUED(id, name, kind, ...) | ((kind) != WL_KIND_FLAG ? 1u << WL_ARG_##id : 0u)
#define WL_ARGS_VALUED (0u WL_ARGS(WL_X_VALUED))

int wl_parse_args(int argc, char **argv, struct wl_config *cfg, char *err,
		  size_t errlen)
{
	int i;

	unsigned given = 0;

	memset(cfg, 0, sizeof(*cfg));
	err[0] = '\0';

	if (argc < 2)
		return fail(err, errlen, "workload", "missing", NULL);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return WL_ARGS_HELP;
	if (!strcmp(argv[1], "--args"))
		return WL_ARGS_TABLE;
	int w = wl_workload_find(argv[1]);
	if (w < 0)
		return fail(err, errlen, "workload", "unknown", argv[1]);
	cfg->workload = (enum wl_workload)w;
	cfg->workload_name = wl_workload_spec(cfg->workload)->name;

	for (i = 2; i < argc; i++) {
		const char *arg = argv[i], *val = NULL, *eq;
		char name[32];
		size_t nlen;
		int a;

		if (!strcmp(arg, "--help") || !strcmp(arg, "-h"))
			return WL_ARGS_HELP;
		if (strncmp(arg, "--", 2) != 0)
			return fail(err, errlen, "argument", "unexpected", arg);
		eq = arg;
		while (*eq && *eq != '=')
			eq++;
		nlen = (size_t)(eq - arg);
		if (nlen >= sizeof(name))
			return fail(err, errlen, "option", "unknown", arg);
		memcpy(name, arg, nlen);
		name[nlen] = '\0';
		for (a = 0; a < WL_ARG_COUNT; a++)
			if (!strcmp(name + 2, wl_arg_spec((enum wl_arg)a)->name))
				break;
		/* --args after the workload too: refos's init names the
		 * workload first. Looked for here, off the common path. */
		if (a == WL_ARG_COUNT && !strcmp(arg, "--args"))
			return WL_ARGS_TABLE;
		if (a == WL_ARG_COUNT)
			return fail(err, errlen, "option", "unknown", name);
		if (wl_arg_spec((enum wl_arg)a)->kind == WL_KIND_FLAG) {
			if (*eq)
				return fail(err, errlen, name, "takes no value", NULL);
		} else if (*eq) {
			val = eq + 1;
		} else if (i + 1 < argc) {
			val = argv[++i];
		} else {
			return fail(err, errlen, name, "missing value", NULL);
		}
		if (set_arg((enum wl_arg)a, name, val, cfg, err, errlen))
			return -1;
		given |= 1u << a;
	}
	/* The table's defaults for what was not given (none for a flag). */
	for (int a = 0; (given & WL_ARGS_VALUED) != WL_ARGS_VALUED && a < WL_ARG_COUNT; a++) {
		const struct wl_arg_spec *s = wl_arg_spec((enum wl_arg)a);
		if (!(given & (1u << a)) && s->kind != WL_KIND_FLAG)
			set_arg((enum wl_arg)a, s->name, s->def, cfg, err, errlen);
	}
	return check_combination(cfg, given, err, errlen);
}
