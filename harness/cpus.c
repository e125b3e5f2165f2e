#include "cpus.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* "0,2-3" into set; -1 on anything else (empty items, a descending range,
 * a CPU past CPU_SETSIZE). */
static int parse_list(const char *s, cpu_set_t *set)
{
	CPU_ZERO(set);
	if (!*s)
		return -1;
	while (*s) {
		char *end;
		if (*s < '0' || *s > '9')
			return -1;
		errno = 0;
		unsigned long a = strtoul(s, &end, 10), b = a;
		if (*end == '-') {
			if (end[1] < '0' || end[1] > '9')
				return -1;
			b = strtoul(end + 1, &end, 10);
		}
		if (errno || b < a || b >= CPU_SETSIZE || (*end && *end != ',') ||
		    (*end == ',' && !end[1]))
			return -1;
		for (unsigned long c = a; c <= b; c++)
			CPU_SET(c, set);
		s = *end ? end + 1 : end;
	}
	return 0;
}

/* The CPUs online: the kernel's list, else 0 .. the count online - 1. */
static void online_cpus(cpu_set_t *set)
{
	char buf[4096];
	FILE *f = fopen("/sys/devices/system/cpu/online", "r");
	int got = f && fgets(buf, sizeof(buf), f);
	if (f)
		fclose(f);
	if (got) {
		buf[strcspn(buf, "\n")] = 0;
		if (parse_list(buf, set) == 0)
			return;
	}
	CPU_ZERO(set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	for (long c = 0; c < (n > 0 ? n : 1) && c < CPU_SETSIZE; c++)
		CPU_SET(c, set);
}

int cpus_parse(const char *opt, const char *list, int max, char *out, size_t outlen, char *err,
	       size_t errlen)
{
	cpu_set_t want, online, allowed;
	if (parse_list(list, &want)) {
		snprintf(err, errlen, "--%s: '%s' is not a CPU list (0,2-3)", opt, list);
		return -1;
	}
	if (max > 0 && CPU_COUNT(&want) > max) {
		snprintf(err, errlen, "--%s: '%s' lists %d CPUs; at most %d", opt, list,
			 CPU_COUNT(&want), max);
		return -1;
	}
	online_cpus(&online);
	int have_mask = sched_getaffinity(0, sizeof(allowed), &allowed) == 0;
	size_t off = 0;
	out[0] = 0;
	for (int c = 0; c < CPU_SETSIZE; c++) {
		if (!CPU_ISSET(c, &want))
			continue;
		if (!CPU_ISSET(c, &online)) {
			snprintf(err, errlen, "--%s: CPU %d is not online (online: %ld CPUs)", opt, c,
				 (long)CPU_COUNT(&online));
			return -1;
		}
		if (have_mask && !CPU_ISSET(c, &allowed)) {
			snprintf(err, errlen, "--%s: CPU %d is not one this process may run on "
				 "(its affinity mask excludes it)", opt, c);
			return -1;
		}
		int n = snprintf(out + off, outlen - off, "%s%d", off ? "," : "", c);
		if (n < 0 || (size_t)n >= outlen - off) {
			snprintf(err, errlen, "--%s: '%s' lists too many CPUs", opt, list);
			return -1;
		}
		off += (size_t)n;
	}
	return 0;
}
