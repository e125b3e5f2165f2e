/*
 * posix_tasks.h - tasks as POSIX threads (posix_tasks.c), shared by the host
 * platform, which adds processes, and the unit tests' fake platform.
 */
#ifndef WL_POSIX_TASKS_H
#define WL_POSIX_TASKS_H

#include <pthread.h>
#include <sys/types.h>

struct wl_plat_task {
	pthread_t thread;
	pid_t pid;		/* > 0: a process (host --procs); else a thread */
	int (*fn)(void *arg);
	void *arg;
	int ret;		/* fn's result, for a thread */
};

/* Runs t->fn(t->arg) on a new thread, on CPU cpu unless it is -1.
 * 0 or a negative errno. */
int posix_thread_start(struct wl_plat_task *t, int cpu);

/* Waits for the thread; returns fn's result. */
int posix_thread_join(struct wl_plat_task *t);

#endif /* WL_POSIX_TASKS_H */
