/*
 * sched.c - how tasks run and how their I/O reaches the backend.
 *
 * wl_io() is the one path from a workload to a backend: it counts, and it
 * turns the backend's COMPLETED / QUEUED / BUSY answer into a plain result,
 * suspending the calling coroutine while a request is out.
 *
 * Coroutine backends: one thread runs every runnable task until it blocks,
 * then asks the backend for completions. Because nothing is submitted until
 * the run queue is empty, every task that had work contributes to the same
 * batch: one io_uring_enter carries up to `conc` requests.
 *
 * Thread backends: tasks are threads doing blocking calls. Gates built from
 * pipes keep thread creation and exit outside the measured region: threads
 * do their first op, signal `ready`, block on `start`; the region opens
 * `start`, waits for `done`, and closes; then `exit` lets them finish. What
 * this bookkeeping costs inside the region is small and known: one write
 * and one read by the main thread, one write by the last task, and one
 * blocked read per task (the last task's may land just after the region
 * closes).
 *
 * Either way the region is steady state: it begins when every task exists
 * and has done its first op (wl_task_arrive), so a per-op figure is the
 * marginal cost of an op, not the run's start-up spread over its ops.
 */
#include <stddef.h>
#include "wl_run.h"
#include "ring_io.h"

_Static_assert(offsetof(struct wl_task, w) == 0,
	       "a ring completion's waiter is its task");

static void runq_push(struct wl_sched *s, struct wl_task *t)
{
	t->next = NULL;
	if (s->tail)
		s->tail->next = t;
	else
		s->head = t;
	s->tail = t;
}

struct wl_task *wl_running;

/* The wait of a task at the gate or at its end, on either path. */
static void task_switch_away(struct wl_task *t)
{
	struct wl_sched *s = t->eng->sched;
	struct wl_task *next = next_runnable(t->eng, s);

	wl_coro_switch(&t->ctx, next ? &next->ctx : &s->main);
}

/* The same under the shared scheduler: its own, as task_wait_shs is. */
static void task_switch_away_shs(struct wl_task *t)
{
	struct wl_sched *s = t->eng->sched;
	struct wl_task *next = next_runnable_shs(s);

	wl_coro_switch(&t->ctx, next ? &next->ctx : &s->main);
}

/* The queue path's wait: its backends have no inline ring, so only the
 * run queue holds runnable tasks. */
static void task_wait_queued(struct wl_task *t)
{
	struct wl_sched *s = t->eng->sched;
	struct wl_task *next = runq_pop(s);

	wl_coro_switch(&t->ctx, next ? &next->ctx : &s->main);
}

static int thread_arrive(struct wl_task *t);

int wl_task_arrive(struct wl_task *t)
{
	struct wl_sched *s = t->eng->sched;

	t->arrived = true;
	t->ops_before = t->st.ops;
	t->verify_before = t->st.verify_instret;
	if (!s)
		return thread_arrive(t);
	/* Parked until every task is here; sched_loop then opens the region. */
	t->next = s->parked;
	s->parked = t;
	s->nparked++;
	if (s->shs) {	/* its own return: the classic one's is as it was */
		task_switch_away_shs(t);
		return 0;
	}
	task_switch_away(t);
	return 0;
}

void wl_io_done(struct wl_io *io)
{
	struct wl_task *t = io->task;

	runq_push(t->eng->sched, t);
}

long wl_io(struct wl_task *t, enum wl_op op, int fd, void *buf, size_t len)
{
	struct wl_engine *eng = t->eng;
	struct wl_io io;

	for (;;) {
		enum wl_queue_status q;

		io = (struct wl_io){ .op = op, .fd = fd, .buf = buf,
				     .len = len, .task = t };
		wl_task_running(t);	/* a thread may block or be switched */
		q = eng->be->queue(eng, &io);
		wl_task_running(t);
		if (q == WL_Q_BUSY) {
			int r;

			t->st.busy++;
			if (!eng->be->getevents || !eng->sched)
				return -WL_EBUSY;
			r = eng->be->getevents(eng, 0);
			if (r < 0)
				return r;
			continue;
		}
		if (q == WL_Q_QUEUED) {
			if (!eng->sched)	/* a thread has nobody to switch to */
				return -WL_EINVAL;
			t->st.queued++;
			task_wait_queued(t);
		}
		if (io.result == -WL_EAGAIN || io.result == -WL_EINTR) {
			t->st.retries++;
			continue;
		}
		if (op == WL_OP_NOP)
			t->st.nops++;
		else if (op == WL_OP_READ)
			t->st.reads++;
		else
			t->st.writes++;
		return io.result;
	}
}

/* ---- coroutine backends -------------------------------------------------- */

static void task_entry(void *arg)
{
	struct wl_task *t = arg;

	t->status = wl_task_body(t);
	t->done = true;
	t->eng->sched->live--;
	task_switch_away(t);
	/* never resumed: the executor drops done tasks */
}

static void task_entry_shs(void *arg)
{
	struct wl_task *t = arg;

	t->status = wl_task_loop_shs(t);
	t->done = true;
	t->eng->sched->live--;
	task_switch_away_shs(t);
}

/* Every live task is at the gate: begin the region and release them in
 * the order they were created, as the first round ran. */
static int read_bytes(int fd, size_t n);
static int write_bytes(int fd, size_t n);
static void close_gates(struct wl_run *run);

/* Every live task of this side is at the gate. Split, the pongers' side
 * says so and waits for the pingers' to open the region; the pingers'
 * opens it once both are there. mixed's CPU-bound task starts with it. */
static int open_region(struct wl_run *run, struct wl_sched *s)
{
	struct wl_task *t = s->parked;
	int r = 0;

	if (s->split && s->side == 1) {
		r = write_bytes(run->gate_ready[1], 1);
		if (r == 0)
			r = read_bytes(run->gate_start[0], 1);
	} else {
		if (s->split)
			r = read_bytes(run->gate_ready[0], 1);
		wl_plat_counters_begin();
		if (s->split || run->hog) {	/* a test, not two, in the region */
			if (s->split)
				r = r ? r : write_bytes(run->gate_start[1], 1);
			if (run->hog)
				r = r ? r : write_bytes(run->hog_start[1], 1);
		}
	}
	s->region = true;
	s->parked = NULL;
	while (t) {
		struct wl_task *next = t->next;

		t->next = s->head;	/* the list is newest first: push in front */
		s->head = t;
		if (!s->tail)
			s->tail = t;
		t = next;
	}
	return r;
}

/* The shared scheduler's loop: the same, but what to do when nothing here
 * is runnable is the shared pick's (wl_plat_ring_idle). */
static int sched_loop_shs(struct wl_run *run, struct wl_sched *s)
{
	while (s->live > 0) {
		struct wl_task *t;
		int r;

		if ((t = next_runnable_shs(s)) != NULL) {
			wl_coro_switch(&s->main, &t->ctx);
			continue;
		}
		if (s->live == 0)
			break;
		if (!s->region && s->nparked == s->live) {
			r = open_region(run, s);
			if (r < 0)
				return r;
			continue;
		}
		r = wl_plat_ring_idle();
		if (r < 0)
			return r;
	}
	return 0;
}

static int sched_loop(struct wl_run *run, struct wl_sched *s)
{
	struct wl_engine *eng = &run->eng;

	while (s->live > 0) {
		struct wl_task *t;
		int r;

		if ((t = next_runnable(eng, s)) != NULL) {
			wl_coro_switch(&s->main, &t->ctx);
			continue;
		}
		if (s->live == 0)
			break;
		if (!s->region && s->nparked == s->live) {
			r = open_region(run, s);
			if (r < 0)
				return r;
			continue;
		}
		/* Everyone waits on I/O: submit the batch, wait for some. */
		if (!eng->be->getevents)
			return -WL_EDEADLK;
		r = eng->be->getevents(eng, 1);
		if (r < 0)
			return r;
		if (r == 0)
			return -WL_EDEADLK;
	}
	return 0;
}

/* mixed's CPU-bound task, beside the executor: it waits for the region
 * to open, computes, and says when it is done. */
static int hog_main(void *arg)
{
	struct wl_run *run = arg;
	struct wl_task *t = run->hog;

	if (run->cfg.procs) {	/* see task_thread: EOF must reach it */
		wl_plat_close(run->hog_start[1]);
		wl_plat_close(run->hog_done[0]);
	}
	if (read_bytes(run->hog_start[0], 1) < 0)
		return WL_TASK_IO;
	t->arrived = true;
	wl_spin(run->cfg.spin);
	t->done = true;
	return write_bytes(run->hog_done[1], 1) < 0 ? WL_TASK_IO : WL_TASK_OK;
}

static int hog_start(struct wl_run *run)
{
	int r;

	run->hog_start[0] = run->hog_start[1] = -1;
	run->hog_done[0] = run->hog_done[1] = -1;
	if (!run->hog)
		return 0;
	r = wl_plat_pipe(run->hog_start);
	if (r == 0)
		r = wl_plat_pipe(run->hog_done);
	if (r == 0)
		r = wl_plat_task_start(&run->hog->thread, hog_main, run, run->ntasks - 1,
				       run->cfg.procs);
	if (r < 0)
		run->hog = NULL;	/* nothing to wait for */
	return r;
}

/* After the region: the CPU-bound task's end, then its exit. Its
 * descriptors go before the join, so a task still at the gate sees EOF. */
static int hog_finish(struct wl_run *run, bool region)
{
	struct wl_task *t = run->hog;
	int r = 0, st;
	int *p[] = { run->hog_start, run->hog_done };

	if (t && region)
		r = read_bytes(run->hog_done[0], 1);
	for (unsigned g = 0; g < 2; g++)
		for (unsigned e = 0; e < 2; e++)
			if (p[g][e] >= 0) {
				wl_plat_close(p[g][e]);
				p[g][e] = -1;
			}
	if (!t)
		return r;
	st = wl_plat_task_join(t->thread);
	t->thread = NULL;
	if (run->cfg.procs) {	/* its memory is gone: its status vouches */
		t->arrived = true;
		t->done = st == WL_TASK_OK;
	}
	if (st != WL_TASK_OK)
		wl_task_fail(t, WL_TASK_IO, "CPU-bound task failed", st);
	return r;
}

/* One side's executor: every task of the side, as coroutines. Under the
 * shared scheduler (sched=shared lets this process attach) on the inline
 * ring, their runnable tasks go through the shared queue. */
static int run_side(struct wl_run *run, unsigned side, bool split, struct wl_json *json)
{
	struct wl_sched *s = &run->sched;
	bool measures = side == 0;
	int r;

	memset(s, 0, sizeof(*s));
	s->side = side;
	s->split = split;
	run->eng.sched = s;
	run->eng.ring = WL_PLAT_RING && (run->eng.be->flags & WL_BE_RING);
	run->eng.adaptive = run->eng.ring &&
			    (run->eng.be->flags & WL_BE_ADAPTIVE);
	s->shs = run->eng.ring && WL_PLAT_SHS && wl_plat_shs_attach(&s->lane) == 0;
	for (unsigned i = 0; i < run->ntasks; i++) {
		struct wl_task *t = &run->tasks[i];

		if (t == run->hog || (split && t->side != side))
			continue;
		t->stack = malloc(WL_CORO_STACK);
		if (!t->stack)
			return -WL_ENOMEM;
		wl_coro_init(&t->ctx, t->stack, WL_CORO_STACK,
			     s->shs ? task_entry_shs : task_entry, t);
		runq_push(s, t);
		s->live++;
	}
	r = measures ? hog_start(run) : 0;
	if (r == 0)
		r = s->shs ? sched_loop_shs(run, s) : sched_loop(run, s);
	if (!measures)
		return r;
	if (!s->region)		/* every task failed first: an empty region */
		wl_plat_counters_begin();
	if (split && r == 0) {
		struct wl_side_report *rep = &run->peer_report;
		uint8_t *b = (uint8_t *)rep;
		size_t got = 0;

		while (r == 0 && got < sizeof(*rep)) {
			long n = wl_plat_read(run->gate_done[0], b + got, sizeof(*rep) - got);

			if (n == -WL_EINTR)
				continue;
			if (n <= 0)
				r = n < 0 ? (int)n : -WL_EPIPE;
			else
				got += (size_t)n;
		}
		run->peer_reported = r == 0;
	}
	if (run->hog) {
		int h = hog_finish(run, s->region);
		if (r == 0)
			r = h;
	}
	wl_plat_counters_end(json);
	return r;
}

int wl_run_coroutines(struct wl_run *run, struct wl_json *json)
{
	return run_side(run, 0, false, json);
}

/* The pongers' process: its own ring and executor, then its report. */
static int pongers_main(void *arg)
{
	struct wl_run *run = arg;
	struct wl_side_report rep = { 0 };
	int r;

	wl_plat_close(run->gate_ready[0]);
	wl_plat_close(run->gate_start[1]);
	wl_plat_close(run->gate_done[0]);
	r = run->eng.be->init ? run->eng.be->init(&run->eng) : 0;
	if (r == 0)
		r = run_side(run, 1, true, NULL);
	rep.run_err = r;
	for (unsigned i = 0; i < run->ntasks; i++) {
		struct wl_task *t = &run->tasks[i];

		if (t->side != 1 || t == run->hog)
			continue;
		rep.bytes += t->st.bytes;
		if (!rep.failed && (t->status != WL_TASK_OK || !t->done)) {
			rep.failed = i + 1;
			rep.status = t->status != WL_TASK_OK ? t->status : WL_TASK_IO;
		}
	}
	const uint8_t *b = (const uint8_t *)&rep;
	size_t off = 0;
	while (off < sizeof(rep)) {
		long n = wl_plat_write(run->gate_done[1], b + off, sizeof(rep) - off);

		if (n == -WL_EINTR)
			continue;
		if (n <= 0)
			return WL_TASK_IO;
		off += (size_t)n;
	}
	return r == 0 && !rep.failed ? WL_TASK_OK : WL_TASK_IO;
}

int wl_run_split(struct wl_run *run, struct wl_json *json)
{
	int *gates[] = { run->gate_ready, run->gate_start, run->gate_done };
	int r = 0;

	run->split = true;
	for (unsigned g = 0; g < 3; g++)
		gates[g][0] = gates[g][1] = -1;
	run->gate_exit[0] = run->gate_exit[1] = -1;
	for (unsigned g = 0; g < 3 && r == 0; g++)
		r = wl_plat_pipe(gates[g]);
	if (r == 0)
		r = wl_plat_task_start(&run->peer, pongers_main, run, 1, true);
	if (r < 0) {
		close_gates(run);
		return r;
	}
	/* the ends the pongers' process uses: EOF then says it is gone */
	wl_plat_close(run->gate_ready[1]);
	wl_plat_close(run->gate_start[0]);
	wl_plat_close(run->gate_done[1]);
	run->gate_ready[1] = run->gate_start[0] = run->gate_done[1] = -1;
	r = run->eng.be->init ? run->eng.be->init(&run->eng) : 0;
	if (r == 0)
		r = run_side(run, 0, true, json);
	else
		wl_printf(2, "backend %s: cannot start here (error %d)\n", run->eng.be->name, r);
	close_gates(run);	/* EOF at its gate sends it home if we failed */
	int st = wl_plat_task_join(run->peer);
	if (r == 0 && st != WL_TASK_OK)
		r = -WL_EPIPE;
	return r;
}

/* ---- thread backends ------------------------------------------------------ */

static int write_bytes(int fd, size_t n)
{
	static const char fill[256];

	while (n > 0) {
		long r = wl_plat_write(fd, fill, n < sizeof(fill) ? n : sizeof(fill));

		if (r == -WL_EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? (int)r : -WL_EPIPE;
		n -= (size_t)r;
	}
	return 0;
}

static int read_bytes(int fd, size_t n)
{
	char sink[256];

	while (n > 0) {
		long r = wl_plat_read(fd, sink, n < sizeof(sink) ? n : sizeof(sink));

		if (r == -WL_EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? (int)r : -WL_EPIPE;
		n -= (size_t)r;
	}
	return 0;
}

/* body: a constant in each of the two below. */
static inline __attribute__((always_inline)) int
task_thread_on(void *arg, int (*body)(struct wl_task *t))
{
	struct wl_task *t = arg;
	struct wl_run *run = t->run;

	/* A process holds copies of every descriptor; dropping the ends it
	 * never uses lets EOF on the start gate reach it if the run aborts. */
	if (run->cfg.procs) {
		wl_plat_close(run->gate_ready[0]);
		wl_plat_close(run->gate_start[1]);
		wl_plat_close(run->gate_done[0]);
		wl_plat_close(run->gate_exit[1]);
	}
	t->status = body(t);
	if (!t->arrived)	/* it failed first; the gate still counts it */
		thread_arrive(t);
	t->done = true;
	/* Processes share no memory, so each reports; threads count down and
	 * only the last one wakes the main thread. */
	if (run->cfg.procs ||
	    __atomic_sub_fetch(&run->remaining, 1, __ATOMIC_ACQ_REL) == 0)
		write_bytes(run->gate_done[1], 1);
	read_bytes(run->gate_exit[0], 1);
	return t->status;
}

static int task_thread(void *arg) { return task_thread_on(arg, wl_task_body); }
/* mixed's CPU-bound task, through the same gates */
static int spin_thread(void *arg) { return task_thread_on(arg, wl_spin_body); }

static int thread_arrive(struct wl_task *t)
{
	struct wl_run *run = t->run;
	int r;

	t->arrived = true;
	r = write_bytes(run->gate_ready[1], 1);
	return r < 0 ? r : read_bytes(run->gate_start[0], 1);
}

static void close_gates(struct wl_run *run)
{
	int *gates[] = { run->gate_ready, run->gate_start, run->gate_done,
			 run->gate_exit };

	for (unsigned g = 0; g < 4; g++) {
		for (unsigned e = 0; e < 2; e++) {
			if (gates[g][e] >= 0)
				wl_plat_close(gates[g][e]);
			gates[g][e] = -1;
		}
	}
}

int wl_run_threads(struct wl_run *run, struct wl_json *json)
{
	int *gates[] = { run->gate_ready, run->gate_start, run->gate_done,
			 run->gate_exit };
	unsigned started = 0;
	int r = 0;

	for (unsigned g = 0; g < 4; g++)
		gates[g][0] = gates[g][1] = -1;
	for (unsigned g = 0; g < 4 && r == 0; g++)
		r = wl_plat_pipe(gates[g]);
	run->remaining = run->ntasks;
	while (r == 0 && started < run->ntasks) {
		struct wl_task *t = &run->tasks[started];

		r = wl_plat_task_start(&t->thread, t->step == WL_STEP_SPIN ?
				       spin_thread : task_thread, t, started,
				       run->cfg.procs);
		if (r == 0)
			started++;
	}
	if (r < 0) {
		/* EOF on the start gate sends the started tasks home. */
		wl_plat_close(run->gate_start[1]);
		run->gate_start[1] = -1;
		goto join;
	}
	r = read_bytes(run->gate_ready[0], run->ntasks);
	if (r < 0)
		goto join;

	/* Before the write: on two harts a woken task may run at once.
	 * Waking each task and switching it back in stays inside the
	 * region, once per task. */
	wl_plat_counters_begin();
	r = write_bytes(run->gate_start[1], run->ntasks);
	if (r == 0)
		r = read_bytes(run->gate_done[0], run->cfg.procs ? run->ntasks : 1);
	wl_plat_counters_end(json);

	write_bytes(run->gate_exit[1], run->ntasks);
join:
	for (unsigned i = 0; i < started; i++) {
		struct wl_task *t = &run->tasks[i];
		int st = wl_plat_task_join(t->thread);

		if (run->cfg.procs) {	/* the child's memory is gone */
			t->done = st >= 0;
			t->status = WL_TASK_OK;
			if (st != WL_TASK_OK)
				wl_task_fail(t, st == WL_TASK_VERIFY ?
					     WL_TASK_VERIFY : WL_TASK_IO,
					     "task process failed", st);
		}
	}
	close_gates(run);
	return r;
}
