/* Checks of a planned sweep that no single axis can make alone: a setting
 * no planned point takes (the host has no harts; refos has no tracer), and
 * points the target cannot run (the poller without a second hart). Both
 * are usage errors found before anything boots. */
#ifndef SCB_PLANCHECK_H
#define SCB_PLANCHECK_H

#include <stddef.h>

#include "matrix.h"

/* Every axis set in `given` (bits 1u << enum axis) must be taken by one of
 * the points pts->v[from..]; where says where it was set ("" for the
 * command line, "FILE [block]: " for a sweep file). 0, or -1 with a
 * message naming the setting. */
int plan_check_given(const struct pointv *pts, size_t from, unsigned given, const char *where,
		     char *err, size_t n);
/* --hyperfine applies to host points only, and its settings (the name of
 * one given, or NULL) to --hyperfine. */
int plan_check_hyperfine(const struct pointv *pts, int on, const char *settings_given, char *err,
			 size_t n);
/* A setting of host points alone (--warmup, --cpus; named without
 * dashes) needs one planned; why_not says why the others cannot take it. */
int plan_check_host_only(const struct pointv *pts, const char *setting, const char *why_not,
			 char *err, size_t n);
/* What the target needs of a point beyond the workload's rules. */
int plan_check_point(const struct point *p, char *err, size_t n);

#endif
