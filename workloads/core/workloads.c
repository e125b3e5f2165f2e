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
 *   mixed     pingpong's pairs, and one more task that only computes
 *             (--spin thousand rounds) and never yields: the I/O tasks get
 *             the CPU back from it only when the timer takes it
 *
 * Filling and checking patterns is the workload's cost, not the system's:
 * its instructions are counted apart (verify_instret) where the platform can
 * read an instruction counter cheaply, so the mechanism's share is shown.
 */
#include "steps.h"

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

static __attribute__((noinline)) int task_loop_ring(struct wl_task *t)
{
	return task_loop(t, true);
}

/* Kept out of line and opaque to the compiler, so its rounds are what
 * the help says whatever the optimiser makes of the caller. */
__attribute__((noinline)) uint64_t wl_spin(uint64_t thousands)
{
	uint64_t x = thousands;

	for (uint64_t i = 0; i < thousands * 1000; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		__asm__ volatile("" : "+r"(x));
	}
	return x;
}

/* mixed's CPU-bound task: its own body, so that wl_task_body stays as the
 * other tasks had it. */
int wl_spin_body(struct wl_task *t)
{
	int r = wl_task_arrive(t);	/* spins inside the region only */

	if (r < 0)
		return wl_task_fail(t, WL_TASK_IO, "start gate", r);
	wl_spin(t->run->cfg.spin);
	return WL_TASK_OK;
}

int wl_task_body(struct wl_task *t)
{
	return t->eng->ring ? task_loop_ring(t) : task_loop(t, false);
}

uint64_t wl_workload_expected_bytes(const struct wl_config *cfg)
{
	switch (cfg->workload) {
	case WL_ECHO:
	case WL_STREAM:
		return cfg->ops * cfg->size;
	case WL_PINGPONG:
	case WL_MIXED:
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
	return cfg->workload == WL_PINGPONG || cfg->workload == WL_STREAM ||
	       cfg->workload == WL_MIXED;
}

unsigned wl_workload_tasks(const struct wl_config *cfg)
{
	if (cfg->workload == WL_MIXED)
		return 2 * cfg->conc + 1;	/* the last computes */
	return has_pairs(cfg) ? 2 * cfg->conc : cfg->conc;
}

int wl_workload_setup(struct wl_run *run)
{
	const struct wl_config *cfg = &run->cfg;
	bool pairs = has_pairs(cfg);
	unsigned conc = cfg->conc;

	run->ntasks = wl_workload_tasks(cfg);
	run->npipes = cfg->workload == WL_NULL ? 0 :
		      cfg->workload == WL_PINGPONG ||
		      cfg->workload == WL_MIXED ? 2 * conc : conc;
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
		t->side = pairs ? i % 2 : 0;
		t->ops = unit < conc ? wl_split_ops(cfg->ops, conc, unit) : 0;
		if (cfg->workload == WL_MIXED && unit == conc) {
			t->step = WL_STEP_SPIN;
			t->side = 0;
			run->hog = t;
			continue;
		}
		switch (cfg->workload) {
		case WL_NULL:
			t->step = WL_STEP_NULL;
			t->counts_ops = true;
			break;
		case WL_ECHO:
			t->step = WL_STEP_WRITE_READ;
			t->counts_ops = true;
			wire(run, t, (int)unit, (int)unit);
			break;
		case WL_PINGPONG:
		case WL_MIXED:
			t->step = first ? WL_STEP_WRITE_READ : WL_STEP_READ_WRITE;
			t->counts_ops = first;
			wire(run, t, (int)(2 * unit + (first ? 1 : 0)),
			     (int)(2 * unit + (first ? 0 : 1)));
			break;
		case WL_STREAM:
			t->step = first ? WL_STEP_WRITE : WL_STEP_READ;
			t->counts_ops = first;
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
