/*
 * wl_run.h - the core's internal types: tasks, the coroutine executor, one
 * run's state, the @run object. Not for backends or platforms (wl.h is).
 */
#ifndef WL_RUN_H
#define WL_RUN_H

#include "wl.h"

#define WL_CORO_STACK (32u * 1024u)

struct wl_json {
	char buf[4096];
	size_t len;
	bool overflow;
};

void wl_json_init(struct wl_json *j);
const char *wl_json_finish(struct wl_json *j);	/* NULL if it overflowed */

/* Counted by wl_io() on the task's behalf, so backends never count. */
struct wl_task_stats {
	uint64_t nops, reads, writes;	/* requests that completed */
	uint64_t queued;		/* ... of which went asynchronous */
	uint64_t busy;			/* BUSY answers (backend full) */
	uint64_t retries;		/* EAGAIN/EINTR results retried */
	uint64_t ops;			/* workload operations done */
	uint64_t bytes;			/* bytes read and verified */
	uint64_t verify_instret;	/* spent filling and checking patterns */
};

enum wl_task_status { WL_TASK_OK, WL_TASK_VERIFY, WL_TASK_IO };

/* What one op of a task is (workloads.c). */
enum wl_step {
	WL_STEP_NULL,		/* null: one null call */
	WL_STEP_WRITE_READ,	/* echo, pinger: write a message, read one */
	WL_STEP_READ_WRITE,	/* ponger: read a message, write it back */
	WL_STEP_WRITE,		/* producer: write a chunk */
	WL_STEP_READ,		/* consumer: read a chunk */
	WL_STEP_SPIN,		/* mixed's CPU-bound task: never yields */
};

struct wl_task {
	struct wl_waiter w;		/* first: the lean hooks' user data */
	struct wl_coro ctx;
	struct wl_task *next;		/* run queue link */
	struct wl_engine *eng;
	struct wl_run *run;
	unsigned index;
	enum wl_step step;		/* one op; wl_task_body() runs `ops` */
	bool counts_ops;		/* its steps are the workload's ops
					 * (a ponger's or consumer's are not) */
	bool arrived;			/* has passed the steady-state gate */
	uint64_t ops_before;		/* st.ops when it arrived */
	uint64_t verify_before;		/* st.verify_instret when it arrived */
	uint64_t ops;			/* this task's share */
	int rfd, wfd;			/* -1 when unused */
	uint32_t rchan, wchan;		/* pattern stream of each direction */
	uint64_t roff, woff;		/* stream offsets reached */
	uint8_t *rbuf, *wbuf;
	struct wl_task_stats st;
	bool done;
	int status;			/* enum wl_task_status */
	const char *fail_what;		/* first failure, for the report */
	long fail_code;
	void *stack;
	struct wl_plat_task *thread;
	unsigned side;			/* split --procs: 0 pingers, 1 pongers */
};

struct wl_sched {
	struct wl_coro main;		/* the executor's own context */
	struct wl_task *head, *tail;	/* runnable tasks, FIFO */
	unsigned live;			/* tasks not done */
	struct wl_task *parked;		/* arrived at the steady-state gate */
	unsigned nparked;
	bool region;			/* the measured region has begun */
	unsigned side;			/* the tasks of this side run here */
	bool split;			/* the other side is another process */
	bool shs;			/* the shared scheduler's queue holds them */
	unsigned lane;			/* ... in this lane */
};

/* What the pongers' process tells the pingers' of its side (split). */
struct wl_side_report {
	uint64_t bytes;			/* read and verified */
	int32_t status;			/* enum wl_task_status, worst of the side */
	uint32_t failed;		/* index + 1 of its first failed task */
	int32_t run_err;		/* its executor's error, or 0 */
	uint32_t rsvd;
};

struct wl_run {
	struct wl_config cfg;
	struct wl_engine eng;
	struct wl_sched sched;
	struct wl_task *tasks;
	unsigned ntasks;
	int *fds;			/* 2 * npipes descriptors */
	unsigned npipes;
	/* thread backends: ready/start/done/exit gates (see sched.c) */
	int gate_ready[2], gate_start[2], gate_done[2], gate_exit[2];
	unsigned remaining;
	/* coroutine backends: mixed's CPU-bound task, a thread or process
	 * started outside the executor, and its gates */
	struct wl_task *hog;
	int hog_start[2], hog_done[2];
	/* split --procs: the pongers' process and what it reported */
	bool split;
	struct wl_plat_task *peer;
	struct wl_side_report peer_report;
	bool peer_reported;
};

/* sched.c */
/* The task that last ran user code: each names itself at each system
 * call and verification window, so a window that ends with another name
 * here had another thread run inside it. */
extern struct wl_task *wl_running;
static inline void wl_task_running(struct wl_task *t)
{
	__atomic_store_n(&wl_running, t, __ATOMIC_RELAXED);
}
static inline bool wl_task_still_running(struct wl_task *t)
{
	return __atomic_load_n(&wl_running, __ATOMIC_RELAXED) == t;
}
long wl_io(struct wl_task *t, enum wl_op op, int fd, void *buf, size_t len);
/* Its twin on the inline ring is wl_io_ring (ring_io.h); the workload
 * picks one of the two once per task, so neither path pays a test per
 * request for the other. */
int wl_run_coroutines(struct wl_run *run, struct wl_json *json);
int wl_run_threads(struct wl_run *run, struct wl_json *json);
/* Coroutine backends with --procs: the pongers' side forked off with its
 * own executor (and ring); init is the backend's, run after the fork on
 * each side. */
int wl_run_split(struct wl_run *run, struct wl_json *json);
/* mixed's CPU-bound body: --spin thousand rounds, no system call. */
uint64_t wl_spin(uint64_t thousands);
/* The steady-state gate: a task calls it once, after its first op (or at
 * once when it has none, or when it fails first). The measured region
 * begins when every task has arrived. 0, or negative errno. */
int wl_task_arrive(struct wl_task *t);

/* workloads.c */
int wl_task_body(struct wl_task *t);
int wl_spin_body(struct wl_task *t);	/* mixed's CPU-bound task */
/* steps_shs.c: wl_task_body's loop under the shared scheduler */
int wl_task_loop_shs(struct wl_task *t);
int wl_workload_setup(struct wl_run *run);
void wl_workload_teardown(struct wl_run *run);
uint64_t wl_workload_expected_bytes(const struct wl_config *cfg);
unsigned wl_workload_tasks(const struct wl_config *cfg);

/* Record the first failure of a task; returns the status for its body. */
int wl_task_fail(struct wl_task *t, int status, const char *what, long code);

#endif /* WL_RUN_H */
