/*
 * workloads.c - null, echo, pingpong and stream, written once against
 * wl_io(). Every byte read is checked against the pattern its writer used
 * (verify.c); the first wrong byte fails the task and so the run.
 *
 *   null      task i: `ops_i` null calls (getpid, or a NOP request)
 *   echo      task i owns pipe i: write a message, read it back
 *   pingpong  pair p: the pinger writes on pipe 2p and reads pipe 2p+1,
 *             the ponger does the reverse; an op is one round trip
 *   stream    pair p: the producer writes chunks into pipe p, the consumer
 *             reads them; an op is one chunk delivered
 */
#include "wl_run.h"

int wl_task_fail(struct wl_task *t, int status, const char *what, long code)
{
	if (!t->fail_what) {
		t->fail_what = what;
		t->fail_code = code;
	}
	if (t->status == WL_TASK_OK)
		t->status = status;
	return status;
}

static int write_msg(struct wl_task *t, size_t n)
{
	size_t done = 0;

	wl_pattern_fill(t->wbuf, n, t->wchan, t->woff);
	while (done < n) {
		long r = wl_io(t, WL_OP_WRITE, t->wfd, t->wbuf + done, n - done);

		if (r < 0)
			return wl_task_fail(t, WL_TASK_IO, "write failed", r);
		if (r == 0 || (size_t)r > n - done)
			return wl_task_fail(t, WL_TASK_IO, "write returned", r);
		done += (size_t)r;
	}
	t->woff += n;
	return WL_TASK_OK;
}

/* Reads exactly n bytes, checking each piece as it arrives. */
static int read_msg(struct wl_task *t, size_t n)
{
	size_t got = 0;

	while (got < n) {
		long r = wl_io(t, WL_OP_READ, t->rfd, t->rbuf, n - got);
		uint64_t bad;

		if (r < 0)
			return wl_task_fail(t, WL_TASK_IO, "read failed", r);
		if (r == 0)
			return wl_task_fail(t, WL_TASK_IO, "early end of stream", 0);
		if ((size_t)r > n - got)
			return wl_task_fail(t, WL_TASK_IO, "read returned", r);
		if (!wl_pattern_check(t->rbuf, (size_t)r, t->rchan, t->roff, &bad))
			return wl_task_fail(t, WL_TASK_VERIFY,
					    "wrong byte at stream offset",
					    (long)bad);
		t->roff += (uint64_t)r;
		t->st.bytes += (uint64_t)r;
		got += (size_t)r;
	}
	return WL_TASK_OK;
}

static int null_body(struct wl_task *t)
{
	for (uint64_t i = 0; i < t->ops; i++) {
		long r = wl_io(t, WL_OP_NOP, -1, NULL, 0);

		if (r < 0)
			return wl_task_fail(t, WL_TASK_IO, "null call failed", r);
		t->st.ops++;
	}
	return WL_TASK_OK;
}

static int echo_body(struct wl_task *t)
{
	size_t n = t->run->cfg.size;

	for (uint64_t i = 0; i < t->ops; i++) {
		if (write_msg(t, n) || read_msg(t, n))
			return t->status;
		t->st.ops++;
	}
	return WL_TASK_OK;
}

static int pinger_body(struct wl_task *t)
{
	size_t n = t->run->cfg.size;

	for (uint64_t i = 0; i < t->ops; i++) {
		if (write_msg(t, n) || read_msg(t, n))
			return t->status;
		t->st.ops++;	/* the pair's round trips count once, here */
	}
	return WL_TASK_OK;
}

static int ponger_body(struct wl_task *t)
{
	size_t n = t->run->cfg.size;

	for (uint64_t i = 0; i < t->ops; i++)
		if (read_msg(t, n) || write_msg(t, n))
			return t->status;
	return WL_TASK_OK;
}

static int producer_body(struct wl_task *t)
{
	size_t n = t->run->cfg.size;

	for (uint64_t i = 0; i < t->ops; i++) {
		if (write_msg(t, n))
			return t->status;
		t->st.ops++;
	}
	return WL_TASK_OK;
}

static int consumer_body(struct wl_task *t)
{
	size_t n = t->run->cfg.size;

	for (uint64_t i = 0; i < t->ops; i++)
		if (read_msg(t, n))
			return t->status;
	return WL_TASK_OK;
}

uint64_t wl_workload_expected_bytes(const struct wl_config *cfg)
{
	switch (cfg->workload) {
	case WL_ECHO:
	case WL_STREAM:
		return cfg->ops * cfg->size;
	case WL_PINGPONG:
		return 2 * cfg->ops * cfg->size;	/* both directions */
	default:
		return 0;
	}
}

static int open_pipe(struct wl_run *run, unsigned p)
{
	struct wl_engine *eng = &run->eng;
	int *fds = &run->fds[2 * p];

	return eng->be->pipe_open ? eng->be->pipe_open(eng, fds)
				  : wl_plat_pipe(fds);
}

/* One task's side of pipe p: read end, write end, or both (-1 = unused). */
static void wire(struct wl_run *run, struct wl_task *t, int rpipe, int wpipe)
{
	size_t n = run->cfg.size;

	if (rpipe >= 0) {
		t->rfd = run->fds[2 * rpipe];
		t->rchan = (uint32_t)rpipe + 1;
		t->rbuf = malloc(n);
	}
	if (wpipe >= 0) {
		t->wfd = run->fds[2 * wpipe + 1];
		t->wchan = (uint32_t)wpipe + 1;
		t->wbuf = malloc(n);
	}
}

static bool has_pairs(const struct wl_config *cfg)
{
	return cfg->workload == WL_PINGPONG || cfg->workload == WL_STREAM;
}

unsigned wl_workload_tasks(const struct wl_config *cfg)
{
	return has_pairs(cfg) ? 2 * cfg->conc : cfg->conc;
}

int wl_workload_setup(struct wl_run *run)
{
	const struct wl_config *cfg = &run->cfg;
	bool pairs = has_pairs(cfg);
	unsigned conc = cfg->conc;

	run->ntasks = wl_workload_tasks(cfg);
	run->npipes = cfg->workload == WL_NULL ? 0 :
		      cfg->workload == WL_PINGPONG ? 2 * conc : conc;
	run->tasks = calloc(run->ntasks, sizeof(*run->tasks));
	run->fds = calloc(2 * run->npipes + 1, sizeof(*run->fds));
	if (!run->tasks || !run->fds)
		return -WL_ENOMEM;
	for (unsigned i = 0; i < 2 * run->npipes; i++)
		run->fds[i] = -1;
	for (unsigned p = 0; p < run->npipes; p++) {
		int r = open_pipe(run, p);

		if (r < 0)
			return r;
	}

	for (unsigned i = 0; i < run->ntasks; i++) {
		struct wl_task *t = &run->tasks[i];
		unsigned unit = pairs ? i / 2 : i;	/* task or pair index */
		bool first = i % 2 == 0;		/* pinger or producer */

		t->run = run;
		t->eng = &run->eng;
		t->index = i;
		t->rfd = t->wfd = -1;
		t->ops = wl_split_ops(cfg->ops, conc, unit);
		switch (cfg->workload) {
		case WL_NULL:
			t->body = null_body;
			break;
		case WL_ECHO:
			t->body = echo_body;
			wire(run, t, (int)unit, (int)unit);
			break;
		case WL_PINGPONG:
			t->body = first ? pinger_body : ponger_body;
			wire(run, t, (int)(2 * unit + (first ? 1 : 0)),
			     (int)(2 * unit + (first ? 0 : 1)));
			break;
		case WL_STREAM:
			t->body = first ? producer_body : consumer_body;
			wire(run, t, first ? -1 : (int)unit, first ? (int)unit : -1);
			break;
		}
		if ((t->rfd >= 0 && !t->rbuf) || (t->wfd >= 0 && !t->wbuf))
			return -WL_ENOMEM;
	}
	return 0;
}

void wl_workload_teardown(struct wl_run *run)
{
	struct wl_engine *eng = &run->eng;

	for (unsigned i = 0; run->fds && i < 2 * run->npipes; i++) {
		if (run->fds[i] < 0)
			continue;
		if (eng->be->pipe_close)
			eng->be->pipe_close(eng, run->fds[i]);
		else
			wl_plat_close(run->fds[i]);
	}
	for (unsigned i = 0; run->tasks && i < run->ntasks; i++) {
		free(run->tasks[i].rbuf);
		free(run->tasks[i].wbuf);
		free(run->tasks[i].stack);
	}
	free(run->tasks);
	free(run->fds);
	run->tasks = NULL;
	run->fds = NULL;
}
