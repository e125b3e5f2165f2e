/* Points: the runs a sweep is made of, expanded from axes. */
#ifndef SCB_MATRIX_H
#define SCB_MATRIX_H

#include <stddef.h>

#include "axes.h"
#include "row.h"

struct point {
	size_t idx;                          /* position in the sweep */
	const char *target;                  /* "refos", "linux" or "host" */
	char *workload, *backend;
	char *sqmode, *notify;               /* "" where they do not apply */
	long harts, hz;                      /* 0 on the host: not ours to set */
	long conc, size, ops, rep;
	char *knobs;                         /* extra kernel knobs, "a=b c=d" */
	int icount, trace;
	int emu;                             /* refos: load the emulator plugin */
	int emu_asked;                       /* ... because --instrument plugin said so */
	const char *emu_note;                /* why the plugin is not loaded (static) */
	double timeout_s;
	long warmup;                         /* host: uncounted runs before each counted one */
	const char *pin;                     /* host: wl-host's --pin list; NULL or "": none */
};

struct pointv {
	struct point *v;
	size_t n, cap;
};

/* Does the point's backend serve I/O through the kernel's rings (refos) or
 * io_uring (host)? Only those take sqmode/notify. */
int backend_is_async(const char *target, const char *backend);
/* Does the target boot a kernel under QEMU (refos, linux)? Those points
 * take harts, -icount and the emulator plugin. */
int target_is_guest(const char *target);

/* The backends a point runs when --backend is not given: the workload's
 * default for run, every backend of the target but null for sweep (a
 * comma list). */
const char *matrix_backends(const char *target, int sweep);
/* Appends the points of one set of axes (defaults already filled, except
 * backend and notify which depend on the target). Points already in out
 * are not added twice. Returns how many were added; *clamped is set when
 * reps were cut to 1 because icount runs are deterministic. */
size_t matrix_expand(const struct axes *a, int sweep, struct pointv *out, int *clamped);
void pointv_free(struct pointv *v);
void point_free(struct point *p);

/* The configuration a curve stands for: "sync", "async worker/uintr",
 * "async poller/poll 2 harts", plus hz and knobs when not the defaults. */
char *point_config(const struct point *p);
/* A file-name-safe id: "0007-echo-async-worker-poll-h1-hz100-c16-s64-r0". */
char *point_id(const struct point *p);
/* The parameter cells of a result row. */
void point_to_row(const struct point *p, struct row *r);

#endif
