/*
 * The refos side of the workload framework (workloads/include/wl_platform.h):
 * threads and fork for tasks, the sync syscalls for I/O, the stats syscall
 * for counters. refos uses Linux errno numbers, so results pass through.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "refos.h"
#include "wl.h"
#include "wl_mark.h"

struct wl_plat_task {
	int id;          /* tid, or pid for a process */
	bool process;
};

struct thread_start {
	int (*fn)(void *);
	void *arg;
};

static long thread_trampoline(void *p)
{
	struct thread_start s = *(struct thread_start *)p;
	free(p);
	return s.fn(s.arg);
}

int wl_plat_task_start(struct wl_plat_task **out, int (*fn)(void *arg), void *arg,
		       unsigned index, bool process)
{
	(void)index;
	struct wl_plat_task *t = malloc(sizeof(*t));
	if (!t)
		return -WL_ENOMEM;
	t->process = process;
	if (process) {
		int pid = fork();
		if (pid == 0)
			exit(fn(arg));
		if (pid < 0) {
			free(t);
			return pid;
		}
		t->id = pid;
	} else {
		struct thread_start *s = malloc(sizeof(*s));
		if (!s) {
			free(t);
			return -WL_ENOMEM;
		}
		s->fn = fn;
		s->arg = arg;
		int tid = thread_create(thread_trampoline, s);
		if (tid < 0) {
			free(s);
			free(t);
			return tid;
		}
		t->id = tid;
	}
	*out = t;
	return 0;
}

int wl_plat_task_join(struct wl_plat_task *t)
{
	int r;
	if (t->process) {
		int status;
		r = wait(t->id, &status);
		if (r >= 0)
			r = status == RF_STATUS_KILLED ? -WL_EINTR : status;
	} else {
		long v;
		r = thread_join(t->id, &v);
		if (r == 0)
			r = (int)v;
	}
	free(t);
	return r;
}

void wl_plat_yield(void) { yield(); }
long wl_plat_null_call(void) { return getpid(); }
int wl_plat_pipe(int fds[2]) { return pipe(fds); }
long wl_plat_read(int fd, void *buf, size_t n) { return read(fd, buf, n); }
long wl_plat_write(int fd, const void *buf, size_t n) { return write(fd, buf, n); }
int wl_plat_close(int fd) { return close(fd); }

/* ---- counters: the kernel's own, summed over harts ---------------------- */

static struct rf_stats before, after;

int wl_plat_counters_init(bool follow_forks)
{
	(void)follow_forks;   /* the kernel counts every process anyway */
	return 0;
}

/* The region opens just after a timer tick (the kernel puts every hart's
 * ticks on one grid of the period): which ticks fall inside it then depends
 * only on what the region runs, not on how many instructions boot and
 * set-up took before it, so a change outside the region cannot move them. */
static void wait_for_tick_boundary(void)
{
	struct rf_stats s;

	stats(&s);
	if (s.hz == 0)
		return;
	uint64_t period = RF_TIMEBASE_HZ / s.hz;
	/* past the tick by a little: the time CSR can read the tick's time a few
	 * instructions before the interrupt is taken */
	uint64_t past_tick = (rdtime() / period + 1) * period + period / 64 + 1;
	while (rdtime() < past_tick)
		;
}

/* The markers sit outside the two stats calls, so they add nothing to the
 * counts between the snapshots. */
void wl_plat_counters_begin(void)
{
	wait_for_tick_boundary();
	wl_mark(WL_MARK_BEGIN);
	stats(&before);
}

void wl_plat_counters_end(struct wl_json *run)
{
	stats(&after);
	wl_mark(WL_MARK_END);
	wl_json_u64(run, "harts", after.nharts);
	wl_json_u64(run, "hz", after.hz);
	wl_json_str(run, "sqmode", after.sqmode);
	wl_json_u64(run, "instret", after.instret - before.instret);
	wl_json_u64(run, "vtime_ns", (after.time - before.time) * 100);   /* 10 MHz time CSR */
	for (unsigned i = 0; i < RF_NCOUNTERS; i++)
		wl_json_u64(run, rf_counter_names[i], rf_counter_sum(&after, i) - rf_counter_sum(&before, i));
}

void wl_plat_counters_close(void) {}

void wl_plat_console_write(int stream, const char *s, size_t n)
{
	(void)stream;
	console_write(s, n);
}

void wl_plat_exit(int status) { exit(status); }

extern const struct wl_backend wl_backend_refos_async, wl_backend_refos_adaptive;

int main(int argc, char **argv)
{
	static const struct wl_backend *const backends[] = {
		&wl_backend_sync, &wl_backend_refos_async, &wl_backend_refos_adaptive,
		&wl_backend_null, 0,
	};
	/* the framework reads the workload from argv[1]; init's argv[0] already names it */
	static char *args[RF_MAX_ARGS + 1];
	args[0] = "wl";
	for (int i = 0; i < argc && i < RF_MAX_ARGS; i++)
		args[i + 1] = argv[i];
	return wl_main(argc + 1, args, backends, "refos");
}
