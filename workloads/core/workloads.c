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
#include "wl_run.h"
#include "ring_io.h"

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

/*
 * Fills (check = false) or checks n bytes, counting the instructions apart.
 * The counter is the hart's, so under a thread backend a window can hold
 * another thread's turn (a tick between the two reads). Every task names
 * itself in wl_running at each window and around each system call
 * (wl_io), so a window that ends with another name in it is run again
 * until one does not, and each run is charged the clean run's cost. A
 * tick that finds no other thread to run stays in the window: its
 * handler, a few hundred instructions a tick.
 */
static inline bool pattern_run(uint8_t *buf, size_t n, bool check,
			       uint32_t chan, uint64_t off, uint64_t *bad)
{
	if (check)
		return wl_pattern_check(buf, n, chan, off, bad);
	wl_pattern_fill(buf, n, chan, off);
	return true;
}

/* Out of line: rare, and it would cost the common path its registers. */
static __attribute__((noinline)) bool
pattern_again(struct wl_task *t, uint8_t *buf, size_t n, bool check,
	      uint32_t chan, uint64_t off, uint64_t *bad)
{
	uint64_t runs = 1, t0, t1;	/* the first, spoilt, run */
	bool same;

	do {
		wl_task_running(t);
		wl_plat_instret(&t0);
		same = pattern_run(buf, n, check, chan, off, bad);
		wl_plat_instret(&t1);
		runs++;
	} while (!wl_task_still_running(t));
	t->st.verify_instret += runs * (t1 - t0);
	return same;
}

static inline bool pattern_counted(struct wl_task *t, uint8_t *buf, size_t n,
				   bool check, uint32_t chan, uint64_t off,
				   uint64_t *bad)
{
	uint64_t t0 = 0, t1 = 0;
	bool same;

	wl_task_running(t);
	wl_plat_instret(&t0);
	same = pattern_run(buf, n, check, chan, off, bad);
	if (!wl_plat_instret(&t1))
		return same;
	if (!wl_task_still_running(t))
		return pattern_again(t, buf, n, check, chan, off, bad);
	t->st.verify_instret += t1 - t0;
	return same;
}

/* How a task's requests go: a constant in each of wl_task_body's loops. */
enum path { PATH_QUEUE, PATH_RING, PATH_RING_SHS };

static inline __attribute__((always_inline)) long
io(struct wl_task *t, int ring, enum wl_op op, int fd,
		      void *buf, size_t len)
{
	return ring ? wl_io_ring(t, op, fd, buf, len, ring == PATH_RING_SHS)
		    : wl_io(t, op, fd, buf, len);
}

static inline __attribute__((always_inline)) int
write_msg_on(struct wl_task *t, int ring, size_t n)
{
	size_t done = 0;

	pattern_counted(t, t->wbuf, n, false, t->wchan, t->woff, NULL);
	while (done < n) {
		long r = io(t, ring, WL_OP_WRITE, t->wfd, t->wbuf + done,
			    n - done);

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
static inline __attribute__((always_inline)) int
read_msg_on(struct wl_task *t, int ring, size_t n)
{
	size_t got = 0;

	while (got < n) {
		long r = io(t, ring, WL_OP_READ, t->rfd, t->rbuf, n - got);
		uint64_t bad;

		if (r < 0)
			return wl_task_fail(t, WL_TASK_IO, "read failed", r);
		if (r == 0)
			return wl_task_fail(t, WL_TASK_IO, "early end of stream", 0);
		if ((size_t)r > n - got)
			return wl_task_fail(t, WL_TASK_IO, "read returned", r);
		if (!pattern_counted(t, t->rbuf, (size_t)r, true, t->rchan,
				     t->roff, &bad))
			return wl_task_fail(t, WL_TASK_VERIFY,
					    "wrong byte at stream offset",
					    (long)bad);
		t->roff += (uint64_t)r;
		t->st.bytes += (uint64_t)r;
		got += (size_t)r;
	}
	return WL_TASK_OK;
}

/* Out of line on the queue path, as they always were; inline on the ring
 * path, so its loop (task_loop_ring) saves the registers once per task and
 * each wait's switch only what is live there. */
static int write_msg_queue(struct wl_task *t, size_t n) { return write_msg_on(t, PATH_QUEUE, n); }
static int read_msg_queue(struct wl_task *t, size_t n) { return read_msg_on(t, PATH_QUEUE, n); }

static inline __attribute__((always_inline)) int
write_msg(struct wl_task *t, int ring, size_t n)
{
	return ring ? write_msg_on(t, ring, n) : write_msg_queue(t, n);
}

static inline __attribute__((always_inline)) int
read_msg(struct wl_task *t, int ring, size_t n)
{
	return ring ? read_msg_on(t, ring, n) : read_msg_queue(t, n);
}

static inline __attribute__((always_inline)) int
null_step(struct wl_task *t, int ring)
{
	long r = io(t, ring, WL_OP_NOP, -1, NULL, 0);

	return r < 0 ? wl_task_fail(t, WL_TASK_IO, "null call failed", r)
		     : WL_TASK_OK;
}

/* echo, pinger: write a message, read it (or its answer) back */
static inline __attribute__((always_inline)) int
write_read_step(struct wl_task *t, int ring)
{
	size_t n = t->run->cfg.size;

	return write_msg(t, ring, n) || read_msg(t, ring, n) ? t->status
							     : WL_TASK_OK;
}

static inline __attribute__((always_inline)) int
read_write_step(struct wl_task *t, int ring)
{
	size_t n = t->run->cfg.size;

	return read_msg(t, ring, n) || write_msg(t, ring, n) ? t->status
							     : WL_TASK_OK;
}

static inline __attribute__((always_inline)) int
write_step(struct wl_task *t, int ring)
{
	return write_msg(t, ring, t->run->cfg.size) ? t->status : WL_TASK_OK;
}

static inline __attribute__((always_inline)) int
read_step(struct wl_task *t, int ring)
{
	return read_msg(t, ring, t->run->cfg.size) ? t->status : WL_TASK_OK;
}

/*
 * Per-op figures are marginal costs: the first op of every task (its first
 * system calls, a coroutine's first switch onto a fresh stack, a thread's
 * first run) happens before the gate, and the region begins when every
 * task has passed it (wl_task_arrive, sched.c).
 */
/* A switch, not a pointer: each step inlines into its own loop. */
static inline __attribute__((always_inline)) int
step(struct wl_task *t, int ring)
{
	switch (t->step) {
	case WL_STEP_NULL:
		return null_step(t, ring);
	case WL_STEP_WRITE_READ:
		return write_read_step(t, ring);
	case WL_STEP_READ_WRITE:
		return read_write_step(t, ring);
	case WL_STEP_WRITE:
		return write_step(t, ring);
	default:
		return read_step(t, ring);
	}
}

/* ring is a constant in each of its two callers, so each gets its own
 * copy of the steps and no request tests which path it takes. */
static inline __attribute__((always_inline)) int task_loop(struct wl_task *t,
							   int ring)
{
	uint64_t inc = t->counts_ops ? 1 : 0;	/* a pair's round trips count once */
	int st = WL_TASK_OK, r;

	if (t->ops > 0) {
		st = step(t, ring);
		t->st.ops += inc;
	}
	r = wl_task_arrive(t);
	if (r < 0)
		return wl_task_fail(t, WL_TASK_IO, "start gate", r);
	for (uint64_t i = 1; i < t->ops && st == WL_TASK_OK; i++) {
		st = step(t, ring);
		t->st.ops += inc;
	}
	return st;
}

static __attribute__((noinline)) int task_loop_ring(struct wl_task *t)
{
	return task_loop(t, PATH_RING);
}

static __attribute__((noinline)) int task_loop_shs(struct wl_task *t)
{
	return task_loop(t, PATH_RING_SHS);
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

int wl_task_body(struct wl_task *t)
{
	if (t->step == WL_STEP_SPIN) {
		int r = wl_task_arrive(t);	/* spins inside the region only */

		if (r < 0)
			return wl_task_fail(t, WL_TASK_IO, "start gate", r);
		wl_spin(t->run->cfg.spin);
		return WL_TASK_OK;
	}
	if (!t->eng->ring)
		return task_loop(t, PATH_QUEUE);
	return t->eng->sched->shs ? task_loop_shs(t) : task_loop_ring(t);
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
