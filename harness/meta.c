/* meta.json, written with jansson through the atomic writer. */
#include "meta.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "machine.h"
#include "target.h"

/* Probed once per process: versions do not change during a sweep. */
static char *commit, *dirty, *qemu_v;
static double load_start = NAN;

/* meta.json's "tools": what each version is asked of, in order. A library
 * answers through its Debian package; OpenSBI is the firmware QEMU ships
 * (-bios default) in qemu-system-data. */
static const struct tool {
	const char *key, *cmd;
} tools[] = {
	{"host_cc", "cc --version"},
	{"riscv_cc", "riscv64-unknown-elf-gcc --version"},
	{"clang", "clang --version"},
	{"gnuplot", "gnuplot --version"},
	{"hyperfine", "hyperfine --version"},
	{"perf", "perf --version"},
	{"bpftool", "bpftool --version"},
	{"liburing", "dpkg-query -W -f '${Package} ${Version}\\n' liburing-dev"},
	{"libbpf", "dpkg-query -W -f '${Package} ${Version}\\n' libbpf-dev"},
	{"jansson", "dpkg-query -W -f '${Package} ${Version}\\n' libjansson-dev"},
	{"opensbi", "dpkg-query -W -f '${Package} ${Version}\\n' qemu-system-data"},
};
#define NTOOLS (sizeof(tools) / sizeof(tools[0]))
static char *tool_v[NTOOLS];
static int tools_probed;

void iso_now(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

char *command_first_line(const char *cmd)
{
	char *full;
	if (asprintf(&full, "%s 2>/dev/null", cmd) < 0)
		return NULL;
	FILE *f = popen(full, "r");
	free(full);
	if (!f)
		return NULL;
	char line[512] = "";
	if (!fgets(line, sizeof(line), f))
		line[0] = 0;
	/* Read the rest so the command does not die of SIGPIPE. */
	char sink[512];
	while (fgets(sink, sizeof(sink), f))
		;
	int st = pclose(f);
	line[strcspn(line, "\n")] = 0;
	if (st != 0 || !line[0])
		return NULL;
	return xstrdup(line);
}

static char *version_of(const char *bin, const char *flag)
{
	char *argv[] = {(char *)bin, (char *)flag, NULL};
	char *sh = argv_to_shell(argv);
	char *v = command_first_line(sh);
	free(sh);
	return v;
}

void meta_probe(struct meta_info *m)
{
	if (!commit) {
		commit = command_first_line("git rev-parse HEAD");
		dirty = command_first_line("git status --porcelain --untracked-files=no");
	}
	if (!qemu_v && m->qemu)
		qemu_v = version_of(m->qemu, "--version");
	if (!tools_probed) {
		/* before the first point runs: the load others put on the machine */
		load_start = machine_load_1min();
		for (size_t i = 0; i < NTOOLS; i++)
			tool_v[i] = command_first_line(tools[i].cmd);
		tools_probed = 1;
	}
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The kernel file a result set's refos points booted. */
static json_t *kernel_json(const char *path)
{
	json_t *kernel = json_object();
	struct stat st;
	json_object_set_new(kernel, "path", str_or_null(path));
	if (path && stat(path, &st) == 0) {
		char t[32];
		struct tm tm;
		gmtime_r(&st.st_mtime, &tm);
		strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%SZ", &tm);
		json_object_set_new(kernel, "bytes", json_integer(st.st_size));
		json_object_set_new(kernel, "mtime", json_string(t));
	}
	return kernel;
}

static json_t *points_json(const struct meta_info *m)
{
	json_t *points = json_object();
	json_object_set_new(points, "planned", json_integer((json_int_t)m->planned));
	json_object_set_new(points, "done", json_integer((json_int_t)m->done));
	json_object_set_new(points, "ok", json_integer((json_int_t)m->ok));
	json_object_set_new(points, "failed", json_integer((json_int_t)m->failed));
	json_object_set_new(points, "skipped", json_integer((json_int_t)m->skipped));
	return points;
}

static json_t *argv_json(const struct meta_info *m)
{
	json_t *argv = json_array();
	for (int i = 0; i < m->argc; i++)
		json_array_append_new(argv, json_string(m->argv[i]));
	return argv;
}

static json_t *tools_json(void)
{
	json_t *t = json_object();
	json_object_set_new(t, "qemu", str_or_null(qemu_v));
	for (size_t i = 0; i < NTOOLS; i++)
		json_object_set_new(t, tools[i].key, str_or_null(tool_v[i]));
	return t;
}

static json_t *num_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

/* 1-minute load averages when the sweep began and when it was written. */
static json_t *load_json(void)
{
	json_t *l = json_object();
	json_object_set_new(l, "start_1min", num_or_null(load_start));
	json_object_set_new(l, "end_1min", num_or_null(machine_load_1min()));
	return l;
}

static json_t *cost_json(const struct penalties *p)
{
	json_t *pen = json_object();
	json_object_set_new(pen, "p_trap", json_real(p->p_trap));
	json_object_set_new(pen, "p_as", json_real(p->p_as));
	json_object_set_new(pen, "p_ipi", json_real(p->p_ipi));
	json_object_set_new(pen, "profile", str_or_null(p->profile));
	json_object_set_new(pen, "source", str_or_null(p->source));
	json_object_set_new(pen, "core", str_or_null(p->core));
	json_object_set_new(pen, "core_sources", str_or_null(p->core_sources));
	return pen;
}

json_t *meta_json(const struct meta_info *m)
{
	json_t *o = json_object();
	char **args = xmalloc((size_t)(m->argc + 1) * sizeof(char *));
	memcpy(args, m->argv, (size_t)m->argc * sizeof(char *));
	args[m->argc] = NULL;
	char *cmdline = argv_to_shell(args);
	free(args);
	char finished[32];
	iso_now(finished, sizeof(finished));
	json_object_set_new(o, "schema_version", json_integer(SCHEMA_VERSION));
	json_object_set_new(o, "name", str_or_null(m->name));
	json_object_set_new(o, "commit", str_or_null(commit));
	json_object_set_new(o, "commit_dirty", json_boolean(dirty != NULL));
	json_object_set_new(o, "command_line", json_string(cmdline));
	json_object_set_new(o, "argv", argv_json(m));
	json_object_set_new(o, "config", str_or_null(m->config));
	json_object_set_new(o, "started", json_string(m->started));
	json_object_set_new(o, "finished", json_string(finished));
	json_object_set_new(o, "interrupted", json_boolean(m->interrupted));
	json_object_set_new(o, "jobs", json_integer(m->jobs));
	json_object_set_new(o, "points", points_json(m));
	json_object_set_new(o, "host", machine_json());
	json_object_set_new(o, "load", load_json());
	json_object_set_new(o, "tools", tools_json());
	json_object_set_new(o, "kernel", kernel_json(m->kernel));
	json_object_set_new(o, "host_bin", str_or_null(m->host_bin));
	json_object_set_new(o, "cost_model", cost_json(m->pen));
	if (m->sweep)
		json_object_set(o, "sweep", m->sweep);
	if (m->resumed)
		json_object_set(o, "resumed", m->resumed);
	free(cmdline);
	return o;
}

int json_write_atomic(const char *path, json_t *v, char *err, size_t errlen)
{
	char *text = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text) {
		snprintf(err, errlen, "%s: cannot encode", path);
		return -1;
	}
	size_t len = strlen(text);
	text = xrealloc(text, len + 2);
	memcpy(text + len, "\n", 2);
	int rc = atomic_write(path, text, len + 1);
	free(text);
	if (rc)
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(-rc));
	return rc ? -1 : 0;
}

int meta_write(const char *dir, const struct meta_info *m, char *err, size_t errlen)
{
	char *path;
	if (asprintf(&path, "%s/meta.json", dir) < 0)
		return -1;
	json_t *o = meta_json(m);
	int rc = json_write_atomic(path, o, err, errlen);
	json_decref(o);
	free(path);
	return rc;
}
