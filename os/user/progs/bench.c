/*
 * The kernel's own benchmark programs, sync backend only: null, echo,
 * pingpong and stream, invoked as the workload framework invokes them.
 * Every byte read is checked; the counters are snapshotted around the
 * measured region (after the threads exist, before they are released).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include "refos.h"

struct opts {
	const char *workload, *backend;
	long conc, ops, size;
	int procs;
};

struct task {
	int id, gate, rfd, wfd, rfd2, wfd2;
	long ops, size;
	int fail;
	unsigned char *buf, *expect;
};

static struct opts o = { 0, "sync", 1, 10000, 1, 0 };

static void fill(unsigned char *b, long n, long seed)
{
	for (long i = 0; i < n; i++)
		b[i] = (unsigned char)(seed * 131 + i * 7 + 1);
}

static long read_full(int fd, unsigned char *b, long n)
{
	long got = 0;
	while (got < n) {
		long r = read(fd, b + got, n - got);
		if (r <= 0)
			return r < 0 ? r : got;
		got += r;
	}
	return got;
}

static void wait_gate(struct task *t)
{
	char c;
	read(t->gate, &c, 1);
}

static long null_task(void *arg)
{
	struct task *t = arg;
	wait_gate(t);
	for (long i = 0; i < t->ops; i++)
		getpid();
	return 0;
}

static long echo_task(void *arg)
{
	struct task *t = arg;
	wait_gate(t);
	for (long i = 0; i < t->ops; i++) {
		fill(t->expect, t->size, t->id + i);
		if (write(t->wfd, t->expect, t->size) != t->size ||
		    read_full(t->rfd, t->buf, t->size) != t->size ||
		    memcmp(t->buf, t->expect, t->size) != 0)
			t->fail = 1;
	}
	return 0;
}

/* pingpong: the "ping" side sends on (wfd) and waits for the echo on (rfd2). */
static long ping_task(void *arg)
{
	struct task *t = arg;
	wait_gate(t);
	for (long i = 0; i < t->ops; i++) {
		fill(t->expect, t->size, t->id + i);
		if (write(t->wfd, t->expect, t->size) != t->size ||
		    read_full(t->rfd2, t->buf, t->size) != t->size ||
		    memcmp(t->buf, t->expect, t->size) != 0)
			t->fail = 1;
	}
	return 0;
}

static long pong_task(void *arg)
{
	struct task *t = arg;
	for (long i = 0; i < t->ops; i++) {
		if (read_full(t->rfd, t->buf, t->size) != t->size ||
		    write(t->wfd2, t->buf, t->size) != t->size)
			t->fail = 1;
	}
	return 0;
}

static long producer_task(void *arg)
{
	struct task *t = arg;
	wait_gate(t);
	for (long i = 0; i < t->ops; i++) {
		fill(t->expect, t->size, t->id + i);
		if (write(t->wfd, t->expect, t->size) != t->size)
			t->fail = 1;
	}
	return 0;
}

static long consumer_task(void *arg)
{
	struct task *t = arg;
	for (long i = 0; i < t->ops; i++) {
		fill(t->expect, t->size, t->id + i);
		if (read_full(t->rfd, t->buf, t->size) != t->size ||
		    memcmp(t->buf, t->expect, t->size) != 0)
			t->fail = 1;
	}
	return 0;
}

static int usage(const char *why)
{
	printf("bench: %s\nusage: null|echo|pingpong|stream --backend sync --conc N --ops N "
	       "--size BYTES [--procs]\n", why);
	return 2;
}

static int parse(int argc, char **argv)
{
	o.workload = argv[0];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : 0;
		if (strcmp(a, "--procs") == 0) {
			o.procs = 1;
			continue;
		}
		if (!v)
			return usage("an option lacks its value");
		if (strcmp(a, "--backend") == 0)
			o.backend = v;
		else if (strcmp(a, "--conc") == 0)
			o.conc = atoi(v);
		else if (strcmp(a, "--ops") == 0)
			o.ops = atoi(v);
		else if (strcmp(a, "--size") == 0)
			o.size = atoi(v);
		else if (strcmp(a, "--notify") == 0)
			;
		else
			return usage("unknown option");
		i++;
	}
	if (strcmp(o.backend, "sync") != 0)
		return usage("this build has only --backend sync");
	if (o.conc < 1 || o.ops < 1 || o.size < 1 || o.size > 1 << 20)
		return usage("--conc, --ops and --size must be positive");
	return 0;
}

/* The child process of pingpong --procs: pong side of every pair. */
static int pong_child(int argc, char **argv)
{
	long ops = atoi(argv[2]), size = atoi(argv[3]);
	int n = (argc - 4) / 2, fail = 0;
	struct task *ts = calloc(n, sizeof(*ts));
	int *tids = calloc(n, sizeof(int));
	for (int i = 0; i < n; i++) {
		ts[i].rfd = atoi(argv[4 + 2 * i]);
		ts[i].wfd2 = atoi(argv[5 + 2 * i]);
		ts[i].ops = ops;
		ts[i].size = size;
		ts[i].buf = malloc(size);
		tids[i] = thread_create(pong_task, &ts[i]);
	}
	for (int i = 0; i < n; i++) {
		long v;
		thread_join(tids[i], &v);
		fail |= ts[i].fail;
	}
	return fail;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--pong-child") == 0)
		return pong_child(argc, argv);
	int r = parse(argc, argv);
	if (r)
		return r;
	int gate[2];
	if (pipe(gate) < 0)
		return usage("cannot create the start gate");
	long n = o.conc, per = o.ops / n, extra = o.ops % n;
	struct task *ts = calloc(n, sizeof(*ts));
	int *tids = calloc(2 * n, sizeof(int));
	int ntids = 0, child = -1;
	char *cargv[RF_MAX_ARGS];
	char cbuf[RF_MAX_ARGS][16];
	int cargc = 0;
	bool ping = strcmp(o.workload, "pingpong") == 0;
	if (ping && o.procs) {
		if (2 * n + 4 > RF_MAX_ARGS - 1)
			return usage("--procs supports up to 13 pairs");
		cargv[cargc++] = "pingpong";
		cargv[cargc++] = "--pong-child";
	}
	for (long i = 0; i < n; i++) {
		struct task *t = &ts[i];
		int p1[2], p2[2];
		t->id = (int)i;
		t->gate = gate[0];
		t->ops = per + (i < extra);
		t->size = o.size;
		t->buf = malloc(o.size);
		t->expect = malloc(o.size);
		if (!t->buf || !t->expect || pipe(p1) < 0 || pipe(p2) < 0)
			return usage("out of memory or pipes");
		t->rfd = p1[0];
		t->wfd = p1[1];
		t->rfd2 = p2[0];
		t->wfd2 = p2[1];
		if (ping && o.procs) {
			snprintf(cbuf[2 * i], 16, "%d", p1[0]);
			snprintf(cbuf[2 * i + 1], 16, "%d", p2[1]);
			cargv[4 + 2 * i] = cbuf[2 * i];
			cargv[5 + 2 * i] = cbuf[2 * i + 1];
			cargc += 2;
		}
	}
	if (ping && o.procs) {
		static char sops[16], ssize[16];
		snprintf(sops, sizeof(sops), "%ld", per);
		snprintf(ssize, sizeof(ssize), "%ld", o.size);
		cargv[2] = sops;
		cargv[3] = ssize;
		cargv[cargc] = 0;
		if (extra)
			return usage("--procs needs --ops divisible by --conc");
		child = spawn("pingpong", cargv);
		if (child < 0)
			return usage("cannot spawn the pong process");
	}
	for (long i = 0; i < n; i++) {
		struct task *t = &ts[i];
		if (strcmp(o.workload, "null") == 0) {
			tids[ntids++] = thread_create(null_task, t);
		} else if (strcmp(o.workload, "echo") == 0) {
			tids[ntids++] = thread_create(echo_task, t);
		} else if (ping) {
			tids[ntids++] = thread_create(ping_task, t);
			if (!o.procs)
				tids[ntids++] = thread_create(pong_task, t);
		} else if (strcmp(o.workload, "stream") == 0) {
			tids[ntids++] = thread_create(producer_task, t);
			tids[ntids++] = thread_create(consumer_task, t);
		} else {
			return usage("unknown workload");
		}
	}
	for (int i = 0; i < ntids; i++)
		if (tids[i] < 0)
			return usage("cannot create threads");
	static struct rf_stats before, after;
	stats(&before);
	char *go = malloc(n);
	memset(go, 'g', n);
	write(gate[1], go, n);
	int fail = 0;
	for (int i = 0; i < ntids; i++) {
		long v;
		thread_join(tids[i], &v);
	}
	if (child > 0) {
		int st;
		wait(child, &st);
		fail |= st != 0;
	}
	stats(&after);
	for (long i = 0; i < n; i++)
		fail |= ts[i].fail;
	static char line[2048];
	long bytes = strcmp(o.workload, "null") == 0 ? 0 : o.ops * o.size * (ping ? 2 : 1);
	size_t len = (size_t)snprintf(line, sizeof(line),
		"@run {\"target\":\"refos\",\"workload\":\"%s\",\"backend\":\"%s\",\"notify\":\"\","
		"\"procs\":%d,\"conc\":%ld,\"size\":%ld,\"ops\":%ld,\"bytes\":%ld,\"verify\":\"%s\"",
		o.workload, o.backend, o.procs ? 2 : 1, o.conc, o.size, o.ops, bytes,
		fail ? "fail" : "ok");
	len = rf_stats_json(line, sizeof(line), len, &before, &after);
	snprintf(line + len, sizeof(line) - len, "}\n");
	printf("%s", line);
	return fail;
}
