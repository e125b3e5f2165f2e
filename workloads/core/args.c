/*
 * args.c - `<workload> --backend B --conc N --ops N --size N [--notify X]
 * [--procs]`, read by the table of wl_args.h, with "--opt value" and
 * "--opt=value" both accepted. Errors name the argument and what was wrong
 * with it.
 */
#include "wl.h"

/* "backends   sync | async (notify poll,wait,uintr; default poll) | ..." */
static void usage_backends(int stream, const struct wl_backend *const *backends)
{
	wl_printf(stream, "  backends   ");
	for (const struct wl_backend *const *be = backends; *be; be++) {
		int b = wl_backend_find((*be)->name);
		const struct wl_backend_spec *bs = b < 0 ? NULL :
			wl_backend_spec((enum wl_backend_id)b);

		wl_printf(stream, "%s%s", be == backends ? "" : " | ", (*be)->name);
		if (bs && *bs->notify)
			wl_printf(stream, " (--notify %s; default %s)", bs->notify,
				  bs->notify_default);
	}
	wl_printf(stream, "\n");
}

void wl_usage(int stream, const char *prog, const struct wl_backend *const *backends)
{
	wl_printf(stream, "usage: %s <workload>", prog);
	for (int a = 0; a < WL_ARG_COUNT; a++) {
		const struct wl_arg_spec *s = wl_arg_spec((enum wl_arg)a);
		wl_printf(stream, " [--%s%s]", s->name, s->kind == WL_KIND_FLAG ? "" :
			  s->kind == WL_KIND_NUM ? " N" : " X");
	}
	wl_printf(stream, "\n  workload   ");
	for (int w = 0; w < WL_WORKLOAD_COUNT; w++)
		wl_printf(stream, "%s%s", w ? " | " : "", wl_workload_spec((enum wl_workload)w)->name);
	wl_printf(stream, "\n");
	for (int a = 0; a < WL_ARG_COUNT; a++) {
		const struct wl_arg_spec *s = wl_arg_spec((enum wl_arg)a);
		wl_printf(stream, "  --%-8s %s", s->name, s->help);
		if (s->kind == WL_KIND_NUM)
			wl_printf(stream, " (%llu..%llu, default %s)", (unsigned long long)s->min,
				  (unsigned long long)s->max, s->def);
		else if (*s->def)
			wl_printf(stream, " (default %s)", s->def);
		wl_printf(stream, "\n");
		/* Workloads with a smaller limit say so under --size. */
		for (int w = 0; a == WL_ARG_SIZE && w < WL_WORKLOAD_COUNT; w++) {
			const struct wl_workload_spec *ws = wl_workload_spec((enum wl_workload)w);
			if (ws->max_size < s->max)
				wl_printf(stream, "             %s: at most %llu\n", ws->name,
					  (unsigned long long)ws->max_size);
		}
	}
	usage_backends(stream, backends);
}

void wl_print_table(int stream)
{
	for (int a = 0; a < WL_ARG_COUNT; a++) {
		const struct wl_arg_spec *s = wl_arg_spec((enum wl_arg)a);
		wl_printf(stream, "@arg %s %s %llu %llu %s\n", s->name,
			  s->kind == WL_KIND_NUM ? "num" : s->kind == WL_KIND_NAME ? "name" : "flag",
			  (unsigned long long)s->min, (unsigned long long)s->max,
			  *s->def ? s->def : "-");
	}
	for (int w = 0; w < WL_WORKLOAD_COUNT; w++)
		wl_printf(stream, "@workload %s %llu\n", wl_workload_spec((enum wl_workload)w)->name,
			  (unsigned long long)wl_workload_spec((enum wl_workload)w)->max_size);
	for (int b = 0; b < WL_BACKEND_COUNT; b++) {
		const struct wl_backend_spec *bs = wl_backend_spec((enum wl_backend_id)b);
		wl_printf(stream, "@backend %s %s%s%s %s %s\n", bs->name,
			  bs->targets & WL_ON_REFOS ? "refos" : "",
			  bs->targets == (WL_ON_REFOS | WL_ON_HOST) ? "," : "",
			  bs->targets & WL_ON_HOST ? "host" : "",
			  *bs->notify ? bs->notify : "-", *bs->notify_default ? bs->notify_default : "-");
	}
}

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
	}
	return 0;
}

/* The rules between arguments, the ones the harness checks too. */
static int check_combination(struct wl_config *cfg, char *err, size_t errlen)
{
	int b = wl_backend_find(cfg->backend);
	uint64_t max = wl_workload_spec(cfg->workload)->max_size;

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
			snprintf(err, errlen, "--notify: %s takes %s%s, not '%s'", bs->name,
				 *bs->notify ? "one of " : "none", bs->notify, cfg->notify);
			return -1;
		}
		cfg->notify = n;
	}
	return 0;
}

int wl_parse_args(int argc, char **argv, struct wl_config *cfg, char *err,
		  size_t errlen)
{
	int i;

	memset(cfg, 0, sizeof(*cfg));
	err[0] = '\0';
	for (int a = 0; a < WL_ARG_COUNT; a++) {
		const struct wl_arg_spec *s = wl_arg_spec((enum wl_arg)a);
		if (s->kind != WL_KIND_FLAG)
			set_arg((enum wl_arg)a, s->name, s->def, cfg, err, errlen);
	}

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
	}
	return check_combination(cfg, err, errlen);
}
