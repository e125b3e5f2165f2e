/*
 * ring_io.h - the coroutine executor's waits and the inline ring path,
 * inline so that the workload's loop (workloads.c) holds the whole path of
 * a request: queueing it, waiting, resuming, with no call and no prologue
 * per request. Internal to the core, like wl_run.h.
 */
#ifndef WL_RING_IO_H
#define WL_RING_IO_H

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

#if __has_include("wl_plat_shs.h")
#include "wl_plat_shs.h"
#else	/* no shared scheduler here: sched->shs stays false */
#define WL_PLAT_SHS 0
#define WL_SHS_TASK 0
static inline int wl_plat_shs_attach(unsigned *lane) { (void)lane; return -WL_ENOSYS; }
static inline int wl_plat_shs_push(unsigned lane, struct wl_waiter *w)
{
	(void)lane, (void)w;
	return -1;
}
static inline int wl_plat_shs_pop(unsigned lane, struct wl_waiter **w)
{
	(void)lane;
	*w = NULL;
	return -1;
}
static inline int wl_plat_ring_idle(void) { return -WL_ENOSYS; }
static inline bool wl_plat_shs_has_task(unsigned lane) { (void)lane; return false; }
#endif

static inline struct wl_task *runq_pop(struct wl_sched *s)
{
	struct wl_task *t = s->head;

	if (t) {
		s->head = t->next;
		if (!s->head)
			s->tail = NULL;
	}
	return t;
}

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

/*
 * Under the shared scheduler the tasks the completion queue made runnable
 * go into this process's lane of the shared queue, and the next task is
 * popped from it. The pop looks at this process's own lane only: a pop
 * over every lane cost about 250 instructions each time the lane was
 * empty (three times per wait), and its answer was not needed, since the
 * idle step's shared_yield() runs the same pick in the kernel, which also
 * sees what no user can (other rings' unreaped completions). A lane that
 * is full (more tasks than a lane has slots) hands the task over directly.
 */
static __attribute__((noinline)) struct wl_task *shs_next(struct wl_sched *s)
{
	struct wl_waiter *w;

	while ((w = wl_plat_ring_next()) != NULL)
		if (wl_plat_shs_push(s->lane, w) < 0)
			return (struct wl_task *)w;
	if (wl_plat_shs_pop(s->lane, &w) == WL_SHS_TASK)
		return (struct wl_task *)w;
	return NULL;
}

/* The same under the shared scheduler (s->shs, which implies the ring).
 * Its own function, so the classic executor tests nothing per wait. */
static inline struct wl_task *next_runnable_shs(struct wl_sched *s)
{
	struct wl_task *t = runq_pop(s);

	return t ? t : shs_next(s);
}

/*
 * A task that cannot go on hands the thread straight to the next runnable
 * task; the executor's own context runs only when none is left, to submit
 * and reap. One switch per wait instead of two. This is the ring path's
 * wait, inline in the workload's loop, where the values live across it
 * stay in callee-saved registers that the switch saves once. (A switch
 * that saved only the frame pointer and declared every other register
 * clobbered cost more: the compiler then spilled those values around it.)
 * The queue path's is task_switch_away (sched.c).
 */
static inline __attribute__((always_inline)) void task_wait(struct wl_task *t)
{
	struct wl_sched *s = t->eng->sched;
	struct wl_task *next = next_runnable(t->eng, s);

	wl_coro_switch(&t->ctx, next ? &next->ctx : &s->main);
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
static inline long direct_call(enum wl_op op, int fd, void *buf, size_t len)
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
 * wl_io on the inline ring (eng->ring): the request names only the task
 * (t->w), the completion stores its result there and the executor resumes
 * the task from the completion queue. No wl_task_running: a coroutine is
 * switched only at a wait, never inside a verification window.
 */
static inline __attribute__((always_inline)) long
wl_io_ring(struct wl_task *t, enum wl_op op, int fd, void *buf, size_t len)
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
			task_wait(t);
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

/*
 * The two above under the shared scheduler (steps_shs.c's loop): copies,
 * not a flag, so that what the compiler makes of the classic path cannot
 * move (a constant flag through these inline functions did move it).
 */
static inline __attribute__((always_inline)) void task_wait_shs(struct wl_task *t)
{
	struct wl_sched *s = t->eng->sched;
	struct wl_task *next = next_runnable_shs(s);

	wl_coro_switch(&t->ctx, next ? &next->ctx : &s->main);
}

static inline __attribute__((always_inline)) long
wl_io_ring_shs(struct wl_task *t, enum wl_op op, int fd, void *buf, size_t len)
{
	struct wl_engine *eng = t->eng;

	for (;;) {
		enum wl_queue_status q;
		long r;

		/* the runnable tasks are in the lane, not the executor's list */
		if (eng->adaptive && ring_alone(eng->sched) &&
		    !wl_plat_shs_has_task(eng->sched->lane)) {
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
			task_wait_shs(t);
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

#endif /* WL_RING_IO_H */
