/* The harness's side of the workload's point arguments (wl_args.h). */
#ifndef SCB_POINTARGS_H
#define SCB_POINTARGS_H

#include <stddef.h>

#include "matrix.h"
#include "wl_args.h"

/* WL_ON_REFOS or WL_ON_HOST. */
unsigned pointargs_target(const char *target);
/* NULL-ended lists of the names wl_args.h allows: workloads, backends,
 * and every completion mode of any backend (which backend takes which is
 * point_check's to say). */
const char *const *pointargs_workloads(void);
const char *const *pointargs_backends(void);
const char *const *pointargs_notify_modes(void);
/* The words joined by sep into buf (n bytes); returns buf. */
const char *pointargs_join(char *buf, size_t n, const char *const *v, const char *sep);
/* Help text for the axis of an argument, with its limits and choices. */
const char *pointargs_help(enum wl_arg a);
const char *pointargs_workload_help(void);
/* Would the workload take this point? The rules of wl_args.h: the backend
 * runs on the target and takes the completion mode, the size fits the
 * workload. 0, or -1 with a message naming the argument. */
int point_check(const struct point *p, char *err, size_t n);

#endif
