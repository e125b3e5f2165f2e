/*
 * wl_args.h - the point arguments of a workload program, each written once:
 *
 *   <workload> --backend B [--notify X] --conc N --ops N --size N [--procs]
 *              [--spin N]
 *
 * with the limits and the default of each, the workloads and the largest
 * message each takes, and the backends with the completion modes each
 * offers. The workload parses its argv by these tables (core/args.c); the
 * harness reads its axes' limits and defaults from them and checks every
 * point against them before it runs anything (harness/pointargs.c), so a
 * value one side accepts the other never refuses.
 *
 * The --notify rule: a backend that offers completion modes takes one of
 * them; --notify omitted or empty means that backend's default mode (the
 * last column of WL_BACKENDS). A backend without modes takes no --notify.
 *
 * Needs only stdint.h: the freestanding refos build and the hosted harness
 * both include it.
 */
#ifndef WL_ARGS_H
#define WL_ARGS_H

#include <stdint.h>

#define WL_MAX_CONC 4096u
#define WL_MAX_MSG 4096u		/* echo and pingpong: a message fits a pipe */
#define WL_MAX_CHUNK (1u << 20)		/* stream chunk limit */
#define WL_MAX_OPS ((uint64_t)1 << 40)
#define WL_MAX_SPIN 100000000u		/* 4e11 instructions: hours under -icount */
#define WL_MAX_PIN 64u			/* wl-host --pin: CPUs listed at most */

/* Kinds of argument. */
#define WL_KIND_NUM 0	/* a decimal number from min to max */
#define WL_KIND_NAME 1	/* a word */
#define WL_KIND_FLAG 2	/* no value */

/* X(ID, name, kind, min, max, default, help), in the order the harness
 * writes them. A default of "" is none (for --notify: the backend's). */
#define WL_ARGS(X)								\
	X(BACKEND, "backend", WL_KIND_NAME, 0, 0, "sync", "I/O backend")		\
	X(NOTIFY, "notify", WL_KIND_NAME, 0, 0, "",				\
	  "how completions are noticed, for backends that offer a choice "	\
	  "(default: the backend's)")						\
	X(CONC, "conc", WL_KIND_NUM, 1, WL_MAX_CONC, "1",			\
	  "concurrent tasks; pairs of tasks for pingpong and stream")		\
	X(OPS, "ops", WL_KIND_NUM, 1, WL_MAX_OPS, "10000",			\
	  "total operations, split among tasks")				\
	X(SIZE, "size", WL_KIND_NUM, 1, WL_MAX_CHUNK, "64",			\
	  "bytes per message or chunk")	\
	X(PROCS, "procs", WL_KIND_FLAG, 0, 0, "",				\
	  "tasks are processes instead of threads; coroutine backends: "	\
	  "pingpong and mixed split in two processes, pingers and pongers")	\
	X(SPIN, "spin", WL_KIND_NUM, 1, WL_MAX_SPIN, "4000",			\
	  "mixed: the CPU-bound task's work, thousands of loop rounds "		\
	  "(about 4 instructions each); it never yields")

/* X(ID, name, largest --size). echo writes a whole message before reading
 * it back, so it must fit in the pipe; pingpong keeps the same limit so the
 * two compare. mixed is pingpong beside one CPU-bound task (--spin). */
#define WL_WORKLOADS(X)				\
	X(NULL, "null", WL_MAX_CHUNK)		\
	X(ECHO, "echo", WL_MAX_MSG)		\
	X(PINGPONG, "pingpong", WL_MAX_MSG)	\
	X(STREAM, "stream", WL_MAX_CHUNK)	\
	X(MIXED, "mixed", WL_MAX_MSG)

/* Where a backend runs. */
#define WL_ON_REFOS 0x1u
#define WL_ON_HOST 0x2u

/* X(ID, name): the completion modes a --notify can name. */
#define WL_NOTIFY_MODES(X)	\
	X(POLL, "poll")		\
	X(WAIT, "wait")		\
	X(UINTR, "uintr")

#define WL_MODE(id) (1u << WL_NOTIFY_##id)
#define WL_NOTIFY_NONE (-1)	/* the default of a backend without modes */

/* X(ID, name, targets, completion modes, default mode) */
#define WL_BACKENDS(X)								\
	X(SYNC, "sync", WL_ON_REFOS | WL_ON_HOST, 0, NONE)			\
	X(ASYNC, "async", WL_ON_REFOS,						\
	  WL_MODE(POLL) | WL_MODE(WAIT) | WL_MODE(UINTR), POLL)		\
	X(ADAPTIVE, "adaptive", WL_ON_REFOS,					\
	  WL_MODE(POLL) | WL_MODE(WAIT) | WL_MODE(UINTR), POLL)		\
	X(EPOLL, "epoll", WL_ON_HOST, 0, NONE)					\
	X(URING, "uring", WL_ON_HOST, WL_MODE(WAIT) | WL_MODE(POLL), WAIT)	\
	X(URING_SQPOLL, "uring-sqpoll", WL_ON_HOST,				\
	  WL_MODE(WAIT) | WL_MODE(POLL), POLL)					\
	X(NULL, "null", WL_ON_REFOS | WL_ON_HOST, 0, NONE)

/* The counts are macros, not enum members, so a switch over the enum needs
 * no case for them. */
#define WL_X_ENUM(id, ...) WL_ARG_##id,
enum wl_arg { WL_ARGS(WL_X_ENUM) };
#undef WL_X_ENUM
#define WL_X_ENUM(id, ...) WL_##id,
enum wl_workload { WL_WORKLOADS(WL_X_ENUM) };
#undef WL_X_ENUM
#define WL_X_ENUM(id, ...) WL_NOTIFY_##id,
enum wl_notify_mode { WL_NOTIFY_MODES(WL_X_ENUM) };
#undef WL_X_ENUM
#define WL_X_ENUM(id, ...) WL_BACKEND_##id,
enum wl_backend_id { WL_BACKENDS(WL_X_ENUM) };
#undef WL_X_ENUM
#define WL_X_ONE(...) +1
#define WL_ARG_COUNT (0 WL_ARGS(WL_X_ONE))
#define WL_WORKLOAD_COUNT (0 WL_WORKLOADS(WL_X_ONE))
#define WL_BACKEND_COUNT (0 WL_BACKENDS(WL_X_ONE))
#define WL_NOTIFY_COUNT (0 WL_NOTIFY_MODES(WL_X_ONE))

struct wl_arg_spec {
	const char *name;	/* without "--" */
	int kind;
	uint64_t min, max;	/* WL_KIND_NUM */
	const char *def;
	const char *help;
};

struct wl_workload_spec {
	const char *name;
	uint64_t max_size;
};

struct wl_backend_spec {
	const char *name;
	unsigned targets;
	unsigned modes;		/* bit WL_NOTIFY_x for each mode it takes */
	int notify_default;	/* a WL_NOTIFY_x, or WL_NOTIFY_NONE */
};

/* The tables, defined once per program: by the one file that defines
 * WL_ARGS_TABLES before including this header (core/args.c in a workload
 * program, harness/pointargs.c in scbench). */
extern const struct wl_arg_spec wl_arg_table[];
extern const struct wl_workload_spec wl_workload_table[];
extern const struct wl_backend_spec wl_backend_table[];
extern const char *const wl_notify_table[];
#ifdef WL_ARGS_TABLES
#define WL_X_ROW(id, name, kind, min, max, def, help) {name, kind, min, max, def, help},
const struct wl_arg_spec wl_arg_table[] = { WL_ARGS(WL_X_ROW) };
#undef WL_X_ROW
#define WL_X_ROW(id, name, max) {name, max},
const struct wl_workload_spec wl_workload_table[] = { WL_WORKLOADS(WL_X_ROW) };
#undef WL_X_ROW
#define WL_X_ROW(id, name, targets, modes, def) {name, targets, modes, WL_NOTIFY_##def},
const struct wl_backend_spec wl_backend_table[] = { WL_BACKENDS(WL_X_ROW) };
#undef WL_X_ROW
#define WL_X_ROW(id, name) name,
const char *const wl_notify_table[] = { WL_NOTIFY_MODES(WL_X_ROW) };
#undef WL_X_ROW
#endif

static inline const struct wl_arg_spec *wl_arg_spec(enum wl_arg a)
{
	return &wl_arg_table[a];
}

static inline const struct wl_workload_spec *wl_workload_spec(enum wl_workload w)
{
	return &wl_workload_table[w];
}

static inline const struct wl_backend_spec *wl_backend_spec(enum wl_backend_id b)
{
	return &wl_backend_table[b];
}

static inline const char *wl_notify_name(enum wl_notify_mode m)
{
	return wl_notify_table[m];
}

static inline int wl_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The workload, backend or completion mode of that name, or -1. */
static inline int wl_workload_find(const char *name)
{
	for (int w = 0; w < WL_WORKLOAD_COUNT; w++)
		if (wl_streq(wl_workload_table[w].name, name))
			return w;
	return -1;
}

static inline int wl_backend_find(const char *name)
{
	for (int b = 0; b < WL_BACKEND_COUNT; b++)
		if (wl_streq(wl_backend_table[b].name, name))
			return b;
	return -1;
}

static inline int wl_notify_find(const char *name)
{
	for (int m = 0; m < WL_NOTIFY_COUNT; m++)
		if (wl_streq(wl_notify_table[m], name))
			return m;
	return -1;
}

/* The mode `notify` means on this backend: an empty one the backend's
 * default ("" for a backend without modes); NULL when the backend does not
 * take it. */
static inline const char *wl_notify_resolve(const struct wl_backend_spec *b, const char *notify)
{
	if (!notify || !*notify)
		return b->notify_default < 0 ? "" : wl_notify_table[b->notify_default];
	int m = wl_notify_find(notify);
	return m >= 0 && (b->modes & (1u << m)) ? wl_notify_table[m] : (const char *)0;
}

/* "wait,poll": a backend's modes as a comma list, into buf. */
static inline const char *wl_modes_text(const struct wl_backend_spec *b, char *buf, uint64_t n)
{
	uint64_t off = 0;
	for (int m = 0; m < WL_NOTIFY_COUNT; m++)
		for (const char *c = (b->modes & (1u << m)) ? wl_notify_table[m] : "";
		     *c && off + 2 < n; c++) {
			if (c == wl_notify_table[m] && off)
				buf[off++] = ',';
			buf[off++] = *c;
		}
	if (n)
		buf[off < n ? off : n - 1] = 0;
	return buf;
}

#endif /* WL_ARGS_H */
