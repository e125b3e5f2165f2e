/*
 * fake_platform.c - wl_platform.h for the unit tests: real threads and
 * pipes (so the sync backend runs for real), no processes, counters that
 * add one marker key, and a console that is captured so tests can read the
 * @run line back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fake_platform.h"
#include "posix_tasks.h"

char fake_out[FAKE_CONSOLE];
char fake_err[FAKE_CONSOLE];
static size_t out_len, err_len;
static int counter_calls;

void fake_reset(void)
{
	out_len = err_len = 0;
	fake_out[0] = fake_err[0] = '\0';
	counter_calls = 0;
}

int fake_counter_calls(void)
{
	return counter_calls;
}

/* Threads only: a platform without processes, so the core's refusal
 * path is tested. */
int wl_plat_task_start(struct wl_plat_task **out, int (*fn)(void *arg),
		       void *arg, unsigned index, bool process)
{
	struct wl_plat_task *t;
	int err;

	(void)index;
	if (process)
		return -ENOSYS;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->fn = fn;
	t->arg = arg;
	err = posix_thread_start(t, -1);
	if (err) {
		free(t);
		return err;
	}
	*out = t;
	return 0;
}

int wl_plat_task_join(struct wl_plat_task *t)
{
	int ret = posix_thread_join(t);

	free(t);
	return ret;
}

/* yield: posix_tasks.c */

long wl_plat_null_call(void)
{
	return getppid();	/* any real system call */
}

/* pipe, read, write, close: posix_io.c */

int wl_plat_counters_init(bool follow_forks)
{
	(void)follow_forks;
	counter_calls |= 1;
	return 0;
}

void (*fake_on_begin)(void);

void wl_plat_counters_begin(void)
{
	counter_calls |= 2;
	if (fake_on_begin)
		fake_on_begin();
}

void wl_plat_counters_end(struct wl_json *run)
{
	counter_calls |= 4;
	wl_json_u64(run, "fake_counter", 42);
}

/* One "instruction" a read: a run's verify_instret is then the number of
 * fills and checks inside the region, which a test can predict. */
bool wl_plat_instret(uint64_t *now)
{
	static uint64_t fake_instret;

	*now = __atomic_add_fetch(&fake_instret, 1, __ATOMIC_RELAXED);
	return true;
}

void wl_plat_counters_close(void)
{
	counter_calls |= 8;
}

void wl_plat_console_write(int stream, const char *s, size_t n)
{
	char *buf = stream == 1 ? fake_out : fake_err;
	size_t *len = stream == 1 ? &out_len : &err_len;

	if (*len + n >= FAKE_CONSOLE)
		n = FAKE_CONSOLE - 1 - *len;
	memcpy(buf + *len, s, n);
	*len += n;
	buf[*len] = '\0';
}

_Noreturn void wl_plat_exit(int status)
{
	exit(status);
}

/* The value of "key": in the captured @run line, as text; "" if absent. */
const char *fake_run_value(const char *key, char *val, size_t len)
{
	char pat[64];
	const char *p, *end;

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	val[0] = '\0';
	p = strstr(fake_out, "@run {");
	p = p ? strstr(p, pat) : NULL;
	if (!p)
		return val;
	p += strlen(pat);
	if (*p == '"') {
		p++;
		end = strchr(p, '"');
	} else {
		end = p + strcspn(p, ",}");
	}
	if (end && (size_t)(end - p) < len) {
		memcpy(val, p, (size_t)(end - p));
		val[end - p] = '\0';
	}
	return val;
}

unsigned long long fake_run_u64(const char *key)
{
	char v[64];

	fake_run_value(key, v, sizeof(v));
	return v[0] ? strtoull(v, NULL, 10) : ~0ull;
}
