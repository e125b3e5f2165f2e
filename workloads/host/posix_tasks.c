/*
 * posix_tasks.c - the thread part of wl_platform.h's tasks on a POSIX
 * system, and yield. Shared by the host platform and the unit tests' fake
 * platform, which differ in processes, not in threads.
 */
#include <pthread.h>
#include <sched.h>

#include "posix_tasks.h"
#include "wl_platform.h"

/* Small stacks: workload threads need little, and 2 x 4096 default-sized
 * stacks would be 64 GiB of address space. */
#define TASK_STACK (256u * 1024u)

static void *thread_main(void *p)
{
	struct wl_plat_task *t = p;

	t->ret = t->fn(t->arg);
	return NULL;
}

int posix_thread_start(struct wl_plat_task *t, int cpu)
{
	pthread_attr_t attr;
	int err;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, TASK_STACK);
	if (cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
	}
	err = pthread_create(&t->thread, &attr, thread_main, t);
	pthread_attr_destroy(&attr);
	return -err;
}

int posix_thread_join(struct wl_plat_task *t)
{
	pthread_join(t->thread, NULL);
	return t->ret;
}

void wl_plat_yield(void)
{
	sched_yield();
}
