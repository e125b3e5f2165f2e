/* CPU lists ("0,2-3"): scbench run and sweep's --cpus, checked against the
 * CPUs this machine has online and this process may run on, since a point
 * pinned to a CPU it cannot have could only fail after the sweep began. */
#ifndef SCB_CPUS_H
#define SCB_CPUS_H

#include <stddef.h>

/* Parses list into out (the CPUs in ascending order, each once, comma
 * separated: the form wl-host's --pin takes), at most max of them (0: any
 * number). 0, or -1 with err naming the option (opt, without dashes) and
 * the reason. */
int cpus_parse(const char *opt, const char *list, int max, char *out, size_t outlen, char *err,
	       size_t errlen);

#endif
