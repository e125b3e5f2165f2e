/*
 * kbench: raw kernel microbenchmarks without the workload framework, sync
 * only, for the cost of the kernel path itself: null, echo,
 * pingpong and stream, invoked as the workload framework invokes them.
 * Every byte read is checked; the counters are snapshotted around the
 * measured region (after the threads exist, before they are released).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "refos.h"

struct opts {
	const char *workload, *backend;
	long conc, ops, size;
	int procs;
};

/* One task, or one pair of tasks (pingpong, stream): each side its own buffer. */
struct task {
	int id, gate, rfd, wfd, rfd2, wfd2;
	long ops, size;
	int fail;
	unsigned char *buf, *peer_buf;
	uint64_t verify_instret;   /* spent making and checking patterns */
};

static struct opts o = { 0, "sync", 1, 10000, 1, 0 };

/* The bytes of message seed: cheap to make and to check, 8 bytes a step. */
static uint64_t pattern_word(long seed, long i)
{
	return (uint64_t)(seed + 1) * 0x9e3779b97f4a7c15ULL + (uint64_t)i;
}

static void fill_raw(unsigned char *b, long n, long seed)
{
	long i = 0;
	/* buffers come from malloc, 16-byte aligned: whole words can be used */
	for (; i + 8 <= n; i += 8)
		*(uint64_t *)(b + i) = pattern_word(seed, i);
	for (; i < n; i++)
		b[i] = (unsigned char)(pattern_word(seed, i) >> 8);
}

static bool check_raw(const unsigned char *b, long n, long seed)
{
	long i = 0;
	for (; i + 8 <= n; i += 8)
		if (*(const uint64_t *)(b + i) != pattern_word(seed, i))
			return false;
	for (; i < n; i++)
		if (b[i] != (unsigned char)(pattern_word(seed, i) >> 8))
			return false;
	return true;
}


/*
 * Making and checking patterns is the workload's cost, not the kernel's: it
 * is counted apart (verify_instret) so the kernel's share can be reported.
 */
#define fill(b, n, seed) \
	do { uint64_t __t = rdinstret(); fill_raw(b, n, seed); t->verify_instret += rdinstret() - __t; } while (0)
static inline bool check_counted(struct task *t, const unsigned char *b, long n, long seed)
{
	uint64_t s = rdinstret();
	bool ok = check_raw(b, n, seed);
	t->verify_instret += rdinstret() - s;
	return ok;
}
#define check(b, n, seed) check_counted(t, b, n, seed)
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

/* echo: write a message to its own pipe, read it back. */
static long echo_task(void *arg)
{
	struct task *t = arg;
	wait_gate(t);
	for (long i = 0; i < t->ops; i++) {
		fill(t->buf, t->size, t->id + i);
		if (write(t->wfd, t->buf, t->size) != t->size ||
		    read_full(t->rfd, t->buf, t->size) != t->size || !check(t->buf, t->size, t->id + i))
			t->fail = 1;
	}
	return 0;
}

/* pingpong: ping sends on wfd and waits for the echo on rfd2. */
static long ping_task(void *arg)
{
	struct task *t = arg;
	wait_gate(t);
	for (long i = 0; i < t->ops; i++) {
		fill(t->buf, t->size, t->id + i);
		if (write(t->wfd, t->buf, t->size) != t->size ||
		    read_full(t->rfd2, t->buf, t->size) != t->size || !check(t->buf, t->size, t->id + i))
			t->fail = 1;
	}
	return 0;
}

static long pong_task(void *arg)
{
	struct task *t = arg;
	for (long i = 0; i < t->ops; i++) {
		if (read_full(t->rfd, t->peer_buf, t->size) != t->size ||
		    write(t->wfd2, t->peer_buf, t->size) != t->size)
			t->fail = 1;
	}
	return 0;
}

static long producer_task(void *arg)
{
	struct task *t = arg;
	wait_gate(t);
	for (long i = 0; i < t->ops; i++) {
		fill(t->buf, t->size, t->id + i);
		if (write(t->wfd, t->buf, t->size) != t->size)
			t->fail = 1;
	}
	return 0;
}

static long consumer_task(void *arg)
{
	struct task *t = arg;
	for (long i = 0; i < t->ops; i++) {
		if (read_full(t->rfd, t->peer_buf, t->size) != t->size ||
		    !check(t->peer_buf, t->size, t->id + i))
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
		else if (strcmp(a, "--notify") != 0)
			return usage("unknown option");
		i++;
	}
	if (strcmp(o.backend, "sync") != 0)
		return usage("this build has only --backend sync");
	if (o.conc < 1 || o.ops < 1 || o.size < 1 || o.size > 1 << 20)
		return usage("--conc, --ops and --size must be positive");
	return 0;
}

/* pingpong --procs: the second process runs the pong side of every pair. */
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
		ts[i].peer_buf = malloc(size);
		tids[i] = thread_create(pong_task, &ts[i]);
	}
	for (int i = 0; i < n; i++) {
		long v;
		thread_join(tids[i], &v);
		fail |= ts[i].fail;
	}
	return fail;
}

static int spawn_pong_process(struct task *ts, long n, long per)
{
	static char args[RF_MAX_ARGS][16];
	char *argv[RF_MAX_ARGS];
	int argc = 0;
	if (2 * n + 5 >= RF_MAX_ARGS)
		return -1;
	argv[argc++] = "kbench";
	argv[argc++] = "pingpong";
	argv[argc++] = "--pong-child";
	snprintf(args[0], 16, "%ld", per);
	snprintf(args[1], 16, "%ld", o.size);
	argv[argc++] = args[0];
	argv[argc++] = args[1];
	for (long i = 0; i < n; i++) {
		snprintf(args[2 + 2 * i], 16, "%d", ts[i].rfd);
		snprintf(args[3 + 2 * i], 16, "%d", ts[i].wfd2);
		argv[argc++] = args[2 + 2 * i];
		argv[argc++] = args[3 + 2 * i];
	}
	argv[argc] = 0;
	return spawn("kbench", argv);
}

int main(int argc, char **argv)
{
	/* "kbench WORKLOAD ..." : the workload is the next word */
	if (argc >= 2 && strcmp(argv[0], "kbench") == 0) {
		argc--;
		argv++;
	}
	if (argc >= 2 && strcmp(argv[1], "--pong-child") == 0)
		return pong_child(argc, argv);
	int r = parse(argc, argv);
	if (r)
		return r;
	int gate[2];
	if (pipe(gate) < 0)
		return usage("cannot create the start gate");
	long n = o.conc, per = o.ops / n, extra = o.ops % n;
	bool ping = strcmp(o.workload, "pingpong") == 0;
	struct task *ts = calloc(n, sizeof(*ts));
	int *tids = calloc(2 * n, sizeof(int));
	int ntids = 0, child = -1;
	for (long i = 0; i < n; i++) {
		struct task *t = &ts[i];
		int p1[2], p2[2];
		t->id = (int)i;
		t->gate = gate[0];
		t->ops = per + (i < extra);
		t->size = o.size;
		t->buf = malloc(o.size);
		t->peer_buf = malloc(o.size);
		if (!t->buf || !t->peer_buf || pipe(p1) < 0 || pipe(p2) < 0)
			return usage("out of memory or pipes");
		t->rfd = p1[0];
		t->wfd = p1[1];
		t->rfd2 = p2[0];
		t->wfd2 = p2[1];
	}
	if (ping && o.procs) {
		if (extra)
			return usage("--procs needs --ops divisible by --conc");
		if ((child = spawn_pong_process(ts, n, per)) < 0)
			return usage("cannot spawn the pong process (at most 13 pairs)");
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
	char *go = malloc(n);
	memset(go, 'g', n);
	stats(&before);
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
	uint64_t verify_instret = 0;
	for (long i = 0; i < n; i++) {
		fail |= ts[i].fail;
		verify_instret += ts[i].verify_instret;
	}
	static char line[2048];
	long bytes = strcmp(o.workload, "null") == 0 ? 0 : o.ops * o.size * (ping ? 2 : 1);
	size_t len = (size_t)snprintf(line, sizeof(line),
		"@run {\"target\":\"refos\",\"workload\":\"%s\",\"backend\":\"%s\",\"notify\":\"\","
		"\"procs\":%d,\"conc\":%ld,\"size\":%ld,\"ops\":%ld,\"bytes\":%ld,\"verify\":\"%s\"",
		o.workload, o.backend, o.procs ? 2 : 1, o.conc, o.size, o.ops, bytes,
		fail ? "fail" : "ok");
	len = rf_stats_json(line, sizeof(line), len, &before, &after);
	snprintf(line + len, sizeof(line) - len, ",\"verify_instret\":%lu}\n", (unsigned long)verify_instret);
	printf("%s", line);
	return fail;
}
