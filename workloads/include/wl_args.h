/*
 * wl_args.h - the point arguments of a workload program, each written once:
 *
 *   <workload> --backend B [--notify X] --conc N --ops N --size N [--procs]
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
	  "tasks are processes instead of threads (thread backends only)")

/* X(ID, name, largest --size). echo writes a whole message before reading
 * it back, so it must fit in the pipe; pingpong keeps the same limit so the
 * two compare. */
#define WL_WORKLOADS(X)				\
	X(NULL, "null", WL_MAX_CHUNK)		\
	X(ECHO, "echo", WL_MAX_MSG)		\
	X(PINGPONG, "pingpong", WL_MAX_MSG)	\
	X(STREAM, "stream", WL_MAX_CHUNK)

/* Where a backend runs. */
#define WL_ON_REFOS 0x1u
#define WL_ON_HOST 0x2u

/* X(ID, name, targets, completion modes (a comma list), default mode) */
#define WL_BACKENDS(X)								\
	X(SYNC, "sync", WL_ON_REFOS | WL_ON_HOST, "", "")			\
	X(ASYNC, "async", WL_ON_REFOS, "poll,wait,uintr", "poll")		\
	X(EPOLL, "epoll", WL_ON_HOST, "", "")					\
	X(URING, "uring", WL_ON_HOST, "wait,poll", "wait")			\
	X(URING_SQPOLL, "uring-sqpoll", WL_ON_HOST, "wait,poll", "poll")	\
	X(NULL, "null", WL_ON_REFOS | WL_ON_HOST, "", "")

/* The counts are macros, not enum members, so a switch over the enum needs
 * no case for them. */
#define WL_X_ENUM(id, ...) WL_ARG_##id,
enum wl_arg { WL_ARGS(WL_X_ENUM) };
#undef WL_X_ENUM
#define WL_X_ENUM(id, ...) WL_##id,
enum wl_workload { WL_WORKLOADS(WL_X_ENUM) };
#undef WL_X_ENUM
#define WL_X_ENUM(id, ...) WL_BACKEND_##id,
enum wl_backend_id { WL_BACKENDS(WL_X_ENUM) };
#undef WL_X_ENUM
#define WL_X_ONE(...) +1
#define WL_ARG_COUNT (0 WL_ARGS(WL_X_ONE))
#define WL_WORKLOAD_COUNT (0 WL_WORKLOADS(WL_X_ONE))
#define WL_BACKEND_COUNT (0 WL_BACKENDS(WL_X_ONE))

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
	const char *notify, *notify_default;
};

/* The tables live in functions so that a file using none of them gets no
 * unused copy (and no warning). */
static inline const struct wl_arg_spec *wl_arg_spec(enum wl_arg a)
{
#define WL_X_ROW(id, name, kind, min, max, def, help) {name, kind, min, max, def, help},
	static const struct wl_arg_spec t[] = { WL_ARGS(WL_X_ROW) };
#undef WL_X_ROW
	return &t[a];
}

static inline const struct wl_workload_spec *wl_workload_spec(enum wl_workload w)
{
#define WL_X_ROW(id, name, max) {name, max},
	static const struct wl_workload_spec t[] = { WL_WORKLOADS(WL_X_ROW) };
#undef WL_X_ROW
	return &t[w];
}

static inline const struct wl_backend_spec *wl_backend_spec(enum wl_backend_id b)
{
#define WL_X_ROW(id, name, targets, modes, def) {name, targets, modes, def},
	static const struct wl_backend_spec t[] = { WL_BACKENDS(WL_X_ROW) };
#undef WL_X_ROW
	return &t[b];
}

static inline int wl_same_word(const char *a, const char *b, uint64_t blen)
{
	uint64_t i = 0;
	while (i < blen && a[i] && a[i] == b[i])
		i++;
	return i == blen && !a[i];
}

/* Is word one of the comma list's items? */
static inline int wl_in_list(const char *list, const char *word)
{
	while (*list) {
		uint64_t n = 0;
		while (list[n] && list[n] != ',')
			n++;
		if (wl_same_word(word, list, n))
			return 1;
		list += n + (list[n] == ',');
	}
	return 0;
}

/* The workload or backend of that name (a one-item list), or -1. */
static inline int wl_workload_find(const char *name)
{
	for (int w = 0; w < WL_WORKLOAD_COUNT; w++)
		if (wl_in_list(wl_workload_spec((enum wl_workload)w)->name, name))
			return w;
	return -1;
}

static inline int wl_backend_find(const char *name)
{
	for (int b = 0; b < WL_BACKEND_COUNT; b++)
		if (wl_in_list(wl_backend_spec((enum wl_backend_id)b)->name, name))
			return b;
	return -1;
}

/* The mode an empty --notify stands for on this backend ("" when it has
 * none), or NULL when the backend does not take `notify`. */
static inline const char *wl_notify_resolve(const struct wl_backend_spec *b, const char *notify)
{
	if (!notify || !*notify)
		return b->notify_default;
	return wl_in_list(b->notify, notify) ? notify : (const char *)0;
}

#endif /* WL_ARGS_H */
