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

#if __has_include("wl_plat_ring.h")
#include "wl_plat_ring.h"
#else	/* no inline ring here: eng->ring stays false, these never run */
#define WL_PLAT_RING 0
static inline enum wl_queue_status wl_plat_ring_submit(struct wl_waiter *w,
	enum wl_op op, int fd, void *buf, size_t len)
{
	(void)w, (void)op, (void)fd, (void)buf, (void)len;
	return WL_Q_BUSY;
}
static inline struct wl_waiter *wl_plat_ring_next(void) { return NULL; }
static inline uint32_t wl_plat_ring_pending(void) { return 0; }
#endif

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

static struct wl_task *runq_pop(struct wl_sched *s)
{
	struct wl_task *t = s->head;

	if (t) {
		s->head = t->next;
		if (!s->head)
			s->tail = NULL;
	}
	return t;
}

struct wl_task *wl_running;

static void task_switch_away(struct wl_task *t);
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
	task_switch_away(t);
	return 0;
}

void wl_io_done(struct wl_io *io)
{
	struct wl_task *t = io->task;

	runq_push(t->eng->sched, t);
}

static inline void count_done(struct wl_task *t, enum wl_op op)
{
	if (op == WL_OP_NOP)
		t->st.nops++;
	else if (op == WL_OP_READ)
		t->st.reads++;
	else
		t->st.writes++;
}

/* The adaptive backend's direct call: the sync backend's, on a coroutine. */
static long direct_call(enum wl_op op, int fd, void *buf, size_t len)
{
	if (op == WL_OP_READ)
		return wl_plat_read(fd, buf, len);
	if (op == WL_OP_WRITE)
		return wl_plat_write(fd, buf, len);
	return wl_plat_null_call();
}

/*
 * A direct call is taken only when the ring would carry this request
 * alone: no task runnable or parked, nothing queued, in flight or
 * unreaped. Then no other task exists that could have to run first, so a
 * call that blocks cannot block the thread's own progress; and a round of
 * one request costs an enter call, a trap as dear as the call itself, plus
 * the ring's own work.
 */
static inline bool ring_alone(struct wl_sched *s)
{
	return !s->head && !s->parked && wl_plat_ring_pending() == 0;
}

/*
 * The inline ring path (WL_BE_RING): the request names only the task
 * (t->w), the completion stores its result there and the executor resumes
 * the task from the completion queue. No wl_task_running: a coroutine is
 * switched only at a wait, never inside a verification window.
 */
long wl_io_ring(struct wl_task *t, enum wl_op op, int fd, void *buf,
		size_t len)
{
	struct wl_engine *eng = t->eng;

	for (;;) {
		enum wl_queue_status q;
		long r;

		if (eng->adaptive && ring_alone(eng->sched)) {
			t->w.result = direct_call(op, fd, buf, len);
			q = WL_Q_COMPLETED;
		} else {
			q = wl_plat_ring_submit(&t->w, op, fd, buf, len);
		}
		if (q == WL_Q_BUSY) {
			t->st.busy++;
			r = eng->be->getevents(eng, 0);
			if (r < 0)
				return r;
			continue;
		}
		if (q == WL_Q_QUEUED) {
			t->st.queued++;
			task_switch_away(t);
		}
		r = t->w.result;
		if (r == -WL_EAGAIN || r == -WL_EINTR) {
			t->st.retries++;
			continue;
		}
		count_done(t, op);
		return r;
	}
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
			task_switch_away(t);
		}
		if (io.result == -WL_EAGAIN || io.result == -WL_EINTR) {
			t->st.retries++;
			continue;
		}
		count_done(t, op);
		return io.result;
	}
}

/* ---- coroutine backends -------------------------------------------------- */

/*
 * A task that cannot go on hands the thread straight to the next runnable
 * task; the executor's own context runs only when none is left, to submit
 * and reap. One switch per wait instead of two.
 */
/* The run queue holds tasks only at start and at the gate; after that,
 * on the inline ring, the completion queue is the run queue. */
static inline struct wl_task *next_runnable(struct wl_engine *eng,
					    struct wl_sched *s)
{
	struct wl_task *t = runq_pop(s);

	if (!t && eng->ring)	/* the waiter is the task's first member */
		t = (struct wl_task *)wl_plat_ring_next();
	return t;
}

static void task_switch_away(struct wl_task *t)
{
	struct wl_sched *s = t->eng->sched;
	struct wl_task *next = next_runnable(t->eng, s);

	wl_coro_switch(&t->ctx, next ? &next->ctx : &s->main);
}

static void task_entry(void *arg)
{
	struct wl_task *t = arg;

	t->status = wl_task_body(t);
	t->done = true;
	t->eng->sched->live--;
	task_switch_away(t);
	/* never resumed: the executor drops done tasks */
}

/* Every live task is at the gate: begin the region and release them in
 * the order they were created, as the first round ran. */
static void open_region(struct wl_sched *s)
{
	struct wl_task *t = s->parked;

	wl_plat_counters_begin();
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
}

static int sched_loop(struct wl_engine *eng, struct wl_sched *s)
{
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
			open_region(s);
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

int wl_run_coroutines(struct wl_run *run, struct wl_json *json)
{
	struct wl_sched *s = &run->sched;
	int r;

	memset(s, 0, sizeof(*s));
	run->eng.sched = s;
	run->eng.ring = WL_PLAT_RING && (run->eng.be->flags & WL_BE_RING);
	run->eng.adaptive = run->eng.ring &&
			    (run->eng.be->flags & WL_BE_ADAPTIVE);
	for (unsigned i = 0; i < run->ntasks; i++) {
		struct wl_task *t = &run->tasks[i];

		t->stack = malloc(WL_CORO_STACK);
		if (!t->stack)
			return -WL_ENOMEM;
		wl_coro_init(&t->ctx, t->stack, WL_CORO_STACK, task_entry, t);
		runq_push(s, t);
	}
	s->live = run->ntasks;

	r = sched_loop(&run->eng, s);
	if (!s->region)		/* every task failed first: an empty region */
		wl_plat_counters_begin();
	wl_plat_counters_end(json);
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

static int task_thread(void *arg)
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
	t->status = wl_task_body(t);
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

		r = wl_plat_task_start(&t->thread, task_thread, t, started,
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
