/*
 * usage.c - what a workload program tells about its arguments, all from
 * wl_args.h: the usage text and the tables for scripts (--args), with the
 * backends this program was built with, which a test holds to the table.
 *
 * Linked after the rest of the core: what runs in the measured region keeps
 * its place in the program whatever this file grows to (under -icount an
 * interrupt lands at a translation-block boundary, which code placement
 * moves, and two-hart figures follow it).
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
		char modes[64];
		if (bs && bs->modes)
			wl_printf(stream, " (--notify %s; default %s)",
				  wl_modes_text(bs, modes, sizeof(modes)),
				  wl_notify_resolve(bs, ""));
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

void wl_print_table(int stream, const struct wl_backend *const *backends)
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
		char modes[64];

		wl_printf(stream, "@backend %s %s%s%s %s %s\n", bs->name,
			  bs->targets & WL_ON_REFOS ? "refos" : "",
			  bs->targets == (WL_ON_REFOS | WL_ON_HOST) ? "," : "",
			  bs->targets & WL_ON_HOST ? "host" : "",
			  bs->modes ? wl_modes_text(bs, modes, sizeof(modes)) : "-",
			  bs->modes ? wl_notify_resolve(bs, "") : "-");
	}
	for (const struct wl_backend *const *be = backends; *be; be++)
		wl_printf(stream, "@have %s\n", (*be)->name);
}
