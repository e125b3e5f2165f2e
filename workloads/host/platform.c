/*
 * platform.c - wl_platform.h on Linux: pthreads (fork for --procs), the
 * real system calls, stdio for the console.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host.h"
#include "posix_tasks.h"

static void pin_self(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) < 0)
		fprintf(stderr, "wl-host: cannot pin to CPU %d: %m\n", cpu);
}

int wl_plat_task_start(struct wl_plat_task **out, int (*fn)(void *arg),
		       void *arg, unsigned index, bool process)
{
	struct wl_plat_task *t = calloc(1, sizeof(*t));
	int cpu = host_pin_cpu(index);
	int err;

	if (!t)
		return -ENOMEM;
	t->fn = fn;
	t->arg = arg;
	if (process) {
		fflush(NULL);	/* or the child would print our buffer twice */
		t->pid = fork();
		if (t->pid < 0) {
			err = errno;
			free(t);
			return -err;
		}
		if (t->pid == 0) {
			if (cpu >= 0)
				pin_self(cpu);
			_exit(fn(arg) & 0xff);
		}
		*out = t;
		return 0;
	}
	err = posix_thread_start(t, cpu);
	if (err) {
		free(t);
		return err;
	}
	*out = t;
	return 0;
}

int wl_plat_task_join(struct wl_plat_task *t)
{
	int ret, status;

	if (t->pid > 0) {
		while (waitpid(t->pid, &status, 0) < 0)
			if (errno != EINTR) {
				free(t);
				return -ECHILD;
			}
		ret = WIFEXITED(status) ? WEXITSTATUS(status) : -ECHILD;
	} else {
		ret = posix_thread_join(t);
	}
	free(t);
	return ret;
}

/* yield: posix_tasks.c */

long wl_plat_null_call(void)
{
	return syscall(SYS_getpid);	/* never libc's cached getpid */
}

/* pipe, read, write, close: posix_io.c */

void wl_plat_console_write(int stream, const char *s, size_t n)
{
	FILE *f = stream == 1 ? stdout : stderr;

	fwrite(s, 1, n, f);
	/* A machine may be waiting for the line; stderr is unbuffered. */
	if (stream == 1 && n > 0 && s[n - 1] == '\n')
		fflush(f);
}

_Noreturn void wl_plat_exit(int status)
{
	fflush(NULL);
	exit(status);
}
