/* The harness's side of workloads/include/wl_args.h: the names it allows,
 * the help text of the axes it describes, and the check of a whole point
 * against its rules before anything runs. */
#define WL_ARGS_TABLES /* wl_args.h's tables live here */
#include "pointargs.h"

#include <stdio.h>
#include <string.h>

unsigned pointargs_target(const char *target)
{
	return strcmp(target, "refos") == 0 ? WL_ON_REFOS : WL_ON_HOST;
}

const char *const *pointargs_workloads(void)
{
	static const char *v[WL_WORKLOAD_COUNT + 1];
	for (int w = 0; w < WL_WORKLOAD_COUNT; w++)
		v[w] = wl_workload_spec((enum wl_workload)w)->name;
	return v;
}

const char *const *pointargs_backends(void)
{
	static const char *v[WL_BACKEND_COUNT + 1];
	for (int b = 0; b < WL_BACKEND_COUNT; b++)
		v[b] = wl_backend_spec((enum wl_backend_id)b)->name;
	return v;
}

const char *const *pointargs_notify_modes(void)
{
	static const char *v[WL_NOTIFY_COUNT + 1];
	for (int m = 0; m < WL_NOTIFY_COUNT; m++)
		v[m] = wl_notify_name((enum wl_notify_mode)m);
	return v;
}

const char *pointargs_join(char *buf, size_t n, const char *const *v, const char *sep)
{
	size_t off = 0;
	buf[0] = 0;
	for (size_t i = 0; v[i] && off < n; i++)
		off += (size_t)snprintf(buf + off, n - off, "%s%s", i ? sep : "", v[i]);
	return buf;
}

const char *pointargs_workload_help(void)
{
	static char buf[200];
	return pointargs_join(buf, sizeof(buf), pointargs_workloads(), ", ");
}

static size_t backend_help(char *b, size_t n)
{
	static const unsigned on[] = {WL_ON_REFOS, WL_ON_HOST};
	size_t off = 0;
	for (int t = 0; t < 2; t++) {
		off += (size_t)snprintf(b + off, n - off, "%s%s:", t ? "\n" : "",
					on[t] == WL_ON_REFOS ? "refos" : "host");
		for (int k = 0; k < WL_BACKEND_COUNT && off < n; k++)
			if (wl_backend_spec((enum wl_backend_id)k)->targets & on[t])
				off += (size_t)snprintf(b + off, n - off, " %s",
							wl_backend_spec((enum wl_backend_id)k)->name);
	}
	return off;
}

static size_t notify_help(char *b, size_t n)
{
	size_t off = (size_t)snprintf(b, n, "how completions reach the program, by backend;\n"
				      "not given: the backend's default. sqmode and\n"
				      "notify multiply these backends only:");
	for (int k = 0; k < WL_BACKEND_COUNT && off < n; k++) {
		const struct wl_backend_spec *bs = wl_backend_spec((enum wl_backend_id)k);
		char modes[64];
		if (bs->modes)
			off += (size_t)snprintf(b + off, n - off, "\n  %s: %s (default %s)", bs->name,
						wl_modes_text(bs, modes, sizeof(modes)),
						wl_notify_resolve(bs, ""));
	}
	return off;
}

/* "help,\nMIN..MAX", and for --size the workloads with a smaller limit. */
static size_t number_help(enum wl_arg a, char *b, size_t n)
{
	const struct wl_arg_spec *w = wl_arg_spec(a);
	size_t off = (size_t)snprintf(b, n, "%s,\n%llu..%llu", w->help,
				      (unsigned long long)w->min, (unsigned long long)w->max);
	for (int k = 0; a == WL_ARG_SIZE && k < WL_WORKLOAD_COUNT && off < n; k++) {
		const struct wl_workload_spec *ws = wl_workload_spec((enum wl_workload)k);
		if (ws->max_size < w->max)
			off += (size_t)snprintf(b + off, n - off, "; %s at most %llu", ws->name,
						(unsigned long long)ws->max_size);
	}
	return off;
}

const char *pointargs_help(enum wl_arg a)
{
	static char buf[WL_ARG_COUNT][600];
	char *b = buf[a];
	if (a == WL_ARG_BACKEND)
		backend_help(b, sizeof(buf[a]));
	else if (a == WL_ARG_NOTIFY)
		notify_help(b, sizeof(buf[a]));
	else if (wl_arg_spec(a)->kind == WL_KIND_NUM)
		number_help(a, b, sizeof(buf[a]));
	else
		return wl_arg_spec(a)->help;
	return b;
}

int point_check(const struct point *p, char *err, size_t n)
{
	int w = wl_workload_find(p->workload), b = wl_backend_find(p->backend);
	if (w < 0) {
		snprintf(err, n, "--workload: '%s' is not a workload", p->workload);
		return -1;
	}
	const struct wl_backend_spec *bs = b < 0 ? NULL : wl_backend_spec((enum wl_backend_id)b);
	if (!bs || !(bs->targets & pointargs_target(p->target))) {
		size_t off = (size_t)snprintf(err, n, "--backend: '%s' is not a backend of %s (",
					      p->backend, p->target);
		for (int k = 0; k < WL_BACKEND_COUNT && off < n; k++)
			if (wl_backend_spec((enum wl_backend_id)k)->targets & pointargs_target(p->target))
				off += (size_t)snprintf(err + off, n - off, "%s%s", err[off - 1] == '(' ?
							"" : " ", wl_backend_spec((enum wl_backend_id)k)->name);
		if (off < n)
			snprintf(err + off, n - off, ")");
		return -1;
	}
	if (!wl_notify_resolve(bs, p->notify)) {
		char modes[64];
		snprintf(err, n, "--notify: %s takes %s%s, not '%s'", bs->name,
			 bs->modes ? "one of " : "none", wl_modes_text(bs, modes, sizeof(modes)),
			 p->notify);
		return -1;
	}
	const struct wl_workload_spec *ws = wl_workload_spec((enum wl_workload)w);
	if ((unsigned long)p->size > ws->max_size) {
		snprintf(err, n, "--size: %s messages are at most %llu bytes (%ld asked)", ws->name,
			 (unsigned long long)ws->max_size, p->size);
		return -1;
	}
	return 0;
}

