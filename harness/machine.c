/* Machine capture from uname(2), /proc and /sys (see machine.h). */
#include "machine.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "csv.h"
#include "row.h"

#define CPU_SYS "/sys/devices/system/cpu"

/* The first line of a small file, or NULL. */
static char *first_line(const char *path)
{
	char *text = read_whole_file(path, NULL);
	if (text)
		text[strcspn(text, "\n")] = 0;
	return text;
}

static json_t *file_or_null(const char *path)
{
	char *s = first_line(path);
	json_t *v = s ? json_string(s) : json_null();
	free(s);
	return v;
}

/* "model name" of x86, "uarch"/"isa" elsewhere: the first such line. */
static json_t *cpu_model(void)
{
	static const char *const keys[] = {"model name", "uarch", "cpu model", "isa", NULL};
	char *text = read_whole_file("/proc/cpuinfo", NULL);
	json_t *v = json_null();
	for (const char *const *k = keys; text && *k && json_is_null(v); k++) {
		size_t n = strlen(*k);
		for (char *line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
			if (strncmp(line, *k, n) || !strchr(line, ':'))
				continue;
			char *val = strchr(line, ':') + 1;
			val += strspn(val, " \t");
			json_decref(v);
			v = json_stringn(val, strcspn(val, "\n"));
			break;
		}
	}
	free(text);
	return v;
}

static long read_long(const char *fmt, int cpu)
{
	char path[128];
	snprintf(path, sizeof(path), fmt, cpu);
	char *s = first_line(path);
	long v = s ? strtol(s, NULL, 10) : -1;
	free(s);
	return v;
}

/* Sockets, cores and threads per core from each online CPU's topology. */
static json_t *topology_json(void)
{
	long ncpu = sysconf(_SC_NPROCESSORS_CONF), sockets = 0, cores = 0, online = 0;
	long *pkg = xmalloc((size_t)(ncpu > 0 ? ncpu : 1) * 2 * sizeof(long));
	for (int c = 0; c < ncpu; c++) {
		long p = read_long(CPU_SYS "/cpu%d/topology/physical_package_id", c);
		long core = read_long(CPU_SYS "/cpu%d/topology/core_id", c);
		if (p < 0 || core < 0)
			continue;
		online++;
		int seen_pkg = 0, seen_core = 0;
		for (long i = 0; i < cores; i++) {
			seen_pkg |= pkg[2 * i] == p;
			seen_core |= pkg[2 * i] == p && pkg[2 * i + 1] == core;
		}
		sockets += !seen_pkg;
		if (!seen_core) {
			pkg[2 * cores] = p;
			pkg[2 * cores + 1] = core;
			cores++;
		}
	}
	free(pkg);
	json_t *t = json_object();
	json_object_set_new(t, "sockets", online ? json_integer(sockets) : json_null());
	json_object_set_new(t, "cores", online ? json_integer(cores) : json_null());
	json_object_set_new(t, "threads_per_core", online ? json_integer(online / cores) : json_null());
	return t;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Each file of /sys/devices/system/cpu/vulnerabilities: the kernel's word
 * on a speculative-execution flaw and its mitigation. */
static json_t *vulnerabilities_json(void)
{
	DIR *d = opendir(CPU_SYS "/vulnerabilities");
	if (!d)
		return json_null();
	json_t *v = json_object();
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			char *path;
			if (asprintf(&path, CPU_SYS "/vulnerabilities/%s", e->d_name) < 0)
				continue;
			json_object_set_new(v, e->d_name, file_or_null(path));
			free(path);
		}
	closedir(d);
	/* readdir's order is the file system's: sort for stable output */
	json_t *sorted = json_object();
	const char **keys = xmalloc((json_object_size(v) + 1) * sizeof(*keys));
	size_t n = 0;
	const char *k;
	json_t *val;
	json_object_foreach(v, k, val)
		keys[n++] = k;
	qsort(keys, n, sizeof(*keys), cmp_str);
	for (size_t i = 0; i < n; i++)
		json_object_set(sorted, keys[i], json_object_get(v, keys[i]));
	free(keys);
	json_decref(v);
	return sorted;
}

json_t *machine_json(void)
{
	struct utsname u;
	json_t *host = json_object();
	if (uname(&u) == 0) {
		json_object_set_new(host, "sysname", json_string(u.sysname));
		json_object_set_new(host, "nodename", json_string(u.nodename));
		json_object_set_new(host, "release", json_string(u.release));
		json_object_set_new(host, "version", json_string(u.version));
		json_object_set_new(host, "machine", json_string(u.machine));
	}
	json_object_set_new(host, "cpus", json_integer(sysconf(_SC_NPROCESSORS_ONLN)));
	json_object_set_new(host, "cpu_model", cpu_model());
	json_object_set_new(host, "topology", topology_json());
	json_object_set_new(host, "smt_active", file_or_null(CPU_SYS "/smt/active"));
	json_object_set_new(host, "smt_control", file_or_null(CPU_SYS "/smt/control"));
	json_object_set_new(host, "governor", file_or_null(CPU_SYS "/cpu0/cpufreq/scaling_governor"));
	json_object_set_new(host, "vulnerabilities", vulnerabilities_json());
	return host;
}

double machine_load_1min(void)
{
	char *s = first_line("/proc/loadavg");
	double v = s ? strtod(s, NULL) : NAN;
	free(s);
	return v;
}
