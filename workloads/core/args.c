/*
 * args.c - `<workload> --backend B --conc N --ops N --size N [--notify X]
 * [--procs]`, with "--opt value" and "--opt=value" both accepted. Errors name
 * the argument and what was wrong with it.
 */
#include "wl.h"

static const char *const workload_names[] = {
	[WL_NULL] = "null", [WL_ECHO] = "echo",
	[WL_PINGPONG] = "pingpong", [WL_STREAM] = "stream",
};

void wl_usage(int stream, const char *prog)
{
	wl_printf(stream,
		  "usage: %s <workload> [--backend B] [--conc N] [--ops N] [--size N]\n"
		  "          [--notify X] [--procs]\n"
		  "  workload   null | echo | pingpong | stream\n"
		  "  --backend  I/O backend (default sync)\n"
		  "  --conc     concurrent tasks; pairs of tasks for pingpong and stream (default 1)\n"
		  "  --ops      total operations, split among tasks (default 10000)\n"
		  "  --size     bytes per message or chunk (default 64; echo and pingpong at most %u)\n"
		  "  --notify   how completions are noticed, for backends that offer a choice\n"
		  "  --procs    tasks are processes instead of threads (thread backends only)\n",
		  prog, WL_MAX_MSG);
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

int wl_parse_args(int argc, char **argv, struct wl_config *cfg, char *err,
		  size_t errlen)
{
	uint64_t v;
	int i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->backend = "sync";
	cfg->conc = 1;
	cfg->ops = 10000;
	cfg->size = 64;
	cfg->notify = "";
	err[0] = '\0';

	if (argc < 2)
		return fail(err, errlen, "workload", "missing", NULL);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return WL_ARGS_HELP;
	cfg->workload_name = NULL;
	for (unsigned w = 0; w < sizeof(workload_names) / sizeof(*workload_names); w++) {
		if (!strcmp(argv[1], workload_names[w])) {
			cfg->workload = (enum wl_workload)w;
			cfg->workload_name = workload_names[w];
		}
	}
	if (!cfg->workload_name)
		return fail(err, errlen, "workload", "unknown", argv[1]);

	for (i = 2; i < argc; i++) {
		const char *arg = argv[i], *val = NULL;
		char name[32];
		size_t nlen;
		const char *eq;

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
		if (!strcmp(name, "--procs")) {
			if (*eq)
				return fail(err, errlen, name, "takes no value", NULL);
			cfg->procs = true;
			continue;
		}
		if (*eq) {
			val = eq + 1;
		} else if (i + 1 < argc) {
			val = argv[++i];
		} else {
			return fail(err, errlen, name, "missing value", NULL);
		}

		if (!strcmp(name, "--backend")) {
			if (!val[0])
				return fail(err, errlen, name, "empty", NULL);
			cfg->backend = val;
		} else if (!strcmp(name, "--notify")) {
			cfg->notify = val;
		} else if (!strcmp(name, "--conc")) {
			if (parse_num(name, val, 1, WL_MAX_CONC, &v, err, errlen))
				return -1;
			cfg->conc = (unsigned)v;
		} else if (!strcmp(name, "--ops")) {
			if (parse_num(name, val, 1, (uint64_t)1 << 40, &v, err, errlen))
				return -1;
			cfg->ops = v;
		} else if (!strcmp(name, "--size")) {
			if (parse_num(name, val, 1, WL_MAX_CHUNK, &v, err, errlen))
				return -1;
			cfg->size = (size_t)v;
		} else {
			return fail(err, errlen, "option", "unknown", name);
		}
	}

	/* echo writes a whole message before reading it back, so it must fit
	 * in the pipe; pingpong keeps the same limit so the two compare. */
	if ((cfg->workload == WL_ECHO || cfg->workload == WL_PINGPONG) &&
	    cfg->size > WL_MAX_MSG) {
		snprintf(err, errlen, "--size: %s messages are at most %u bytes",
			 cfg->workload_name, WL_MAX_MSG);
		return -1;
	}
	return 0;
}
