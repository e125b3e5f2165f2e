/* meta.json, written with jansson through the atomic writer. */
#include "meta.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "target.h"

/* Probed once per process: versions do not change during a sweep. */
static char *commit, *dirty, *qemu_v, *cc_v, *rvcc_v, *gnuplot_v;

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
	if (!cc_v)
		cc_v = version_of("cc", "--version");
	if (!rvcc_v)
		rvcc_v = version_of("riscv64-unknown-elf-gcc", "--version");
	if (!gnuplot_v)
		gnuplot_v = version_of("gnuplot", "--version");
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *host_json(void)
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
	return host;
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
	json_t *tools = json_object();
	json_object_set_new(tools, "qemu", str_or_null(qemu_v));
	json_object_set_new(tools, "host_cc", str_or_null(cc_v));
	json_object_set_new(tools, "riscv_cc", str_or_null(rvcc_v));
	json_object_set_new(tools, "gnuplot", str_or_null(gnuplot_v));
	return tools;
}

static json_t *cost_json(const struct penalties *p)
{
	json_t *pen = json_object();
	json_object_set_new(pen, "p_trap", json_real(p->p_trap));
	json_object_set_new(pen, "p_as", json_real(p->p_as));
	json_object_set_new(pen, "p_ipi", json_real(p->p_ipi));
	json_object_set_new(pen, "profile", str_or_null(p->profile));
	json_object_set_new(pen, "source", str_or_null(p->source));
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
	json_object_set_new(o, "host", host_json());
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
