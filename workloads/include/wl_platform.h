/*
 * wl_platform.h - everything the workload core needs from the system it runs
 * on. The core (workloads/core/) includes no other header, so it builds both
 * hosted (Linux) and freestanding (refos: -ffreestanding -nostdlib).
 *
 * A platform supplies:
 *   1. the small libc subset declared below (the prototypes are the standard
 *      ones, so a hosted libc satisfies them as is);
 *   2. the wl_plat_* functions, whose contracts are written next to them;
 *   3. a main() that calls wl_main() (wl.h) with its table of backends.
 *
 * Conventions for every wl_plat_* call: a negative return value is a
 * negative errno using the WL_E* numbers below (the Linux numbers). A
 * platform whose native numbers differ translates them.
 *
 * Threading: the core calls malloc/free, console output and the counters
 * only from the thread that called wl_main(), and never inside the measured
 * region except where noted. Task threads call only the I/O functions
 * (null call, read, write, close) and wl_plat_yield().
 */
#ifndef WL_PLATFORM_H
#define WL_PLATFORM_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- libc subset (standard prototypes) ---------------------------------- */

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
unsigned long strtoul(const char *s, char **end, int base);
/* Needs %d %u %ld %lu %lld %llu %x %lx %s %c %% with width and zero-pad. */
int snprintf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
void *malloc(size_t n);
void *calloc(size_t nmemb, size_t n);
void free(void *p);

/* ---- errno values the core looks at (Linux numbering) ------------------- */

#define WL_EINTR   4
#define WL_EBADF   9
#define WL_EAGAIN  11
#define WL_ENOMEM  12
#define WL_EACCES  13
#define WL_EBUSY   16
#define WL_EINVAL  22
#define WL_EPIPE   32
#define WL_EDEADLK 35
#define WL_ENOSYS  38
#define WL_EPERM   1

/* ---- tasks: threads (and, for --procs, processes) ----------------------- */

struct wl_plat_task;	/* opaque, owned by the platform */

/*
 * Start fn(arg) in a new thread of this process, or, when `process` is true,
 * in a new process that inherits a copy of this process's memory and all of
 * its open file descriptors as they are at the time of the call (fork
 * semantics; the core only forks before any task thread exists).
 * `index` numbers the task (0, 1, 2, ...): a platform may use it to place the
 * task on a CPU; it may also ignore it.
 * Returns 0 and sets *out, or a negative errno; -WL_ENOSYS when `process`
 * is true and the platform has no processes (the core then refuses --procs).
 */
int wl_plat_task_start(struct wl_plat_task **out, int (*fn)(void *arg),
		       void *arg, unsigned index, bool process);

/*
 * Wait for a task started above to finish and free its handle.
 * Returns fn's return value (0..255 for a process: its exit status), or a
 * negative errno if the task could not be waited for or died abnormally.
 */
int wl_plat_task_join(struct wl_plat_task *task);

/* Give the CPU to another runnable thread, if any (sched_yield). */
void wl_plat_yield(void);

/* ---- system calls measured by the workloads ----------------------------- */

/* The cheapest real system call: getpid through the trap, never cached. */
long wl_plat_null_call(void);

/* A blocking pipe: fds[0] reads, fds[1] writes. 0 or negative errno.
 * The pipe must buffer at least 4096 bytes: echo writes one whole message
 * before it reads the message back. */
int wl_plat_pipe(int fds[2]);

/* POSIX blocking read/write on a pipe: the number of bytes moved (a read
 * returns 0 at EOF and may return fewer bytes than asked; a write may be
 * partial), or a negative errno (-WL_EPIPE with no reader). */
long wl_plat_read(int fd, void *buf, size_t n);
long wl_plat_write(int fd, const void *buf, size_t n);

/* 0 or a negative errno. */
int wl_plat_close(int fd);

/* ---- counters around the measured region -------------------------------- */

struct wl_json;		/* the @run object being built; see wl_json_* */

/*
 * Called once, before the backend is initialised and before any task
 * exists, so counters that follow new threads (or forked processes when
 * follow_forks is true) see them all. May print a note on stream 2. Returns
 * 0, or a negative errno; a counter that cannot be set up is simply left out
 * of the report later, so this failing never aborts the run.
 */
int wl_plat_counters_init(bool follow_forks);

/* The last thing before the measured region starts: snapshot counters. */
void wl_plat_counters_begin(void);

/* The first thing after the region ends: snapshot counters and add their
 * deltas to the @run object with wl_json_u64()/wl_json_str(). Keys a
 * platform should add are listed in docs/interfaces.md; a counter that could
 * not be read is left out, not reported as 0. */
void wl_plat_counters_end(struct wl_json *run);

/* Release what counters_init set up. */
void wl_plat_counters_close(void);

/*
 * Instructions retired so far, where user code can read them in a few
 * instructions, else false. Read inside the region around every pattern
 * fill and check, so that their cost is reported apart from the
 * mechanism's (verify_instret). A freestanding RISC-V platform (refos,
 * whose kernel lets user mode read the counter) gets it inline: a call
 * per read would add more to the mechanism's side than the read itself.
 */
#if defined(__riscv) && !__STDC_HOSTED__
static inline bool wl_plat_instret(uint64_t *now)
{
	uint64_t v;

	__asm__ volatile("rdinstret %0" : "=r"(v));
	*now = v;
	return true;
}
#else
bool wl_plat_instret(uint64_t *now);
#endif

/* ---- console and exit --------------------------------------------------- */

/* Write n bytes to the console. stream 1 is for machines (the @run line),
 * stream 2 for people (errors, notes); a platform with one console writes
 * both there. Must write everything or nothing. */
void wl_plat_console_write(int stream, const char *s, size_t n);

/* End the program (all threads) with this status. */
_Noreturn void wl_plat_exit(int status);

/* ---- provided by the core for the platform's counters_end --------------- */

void wl_json_u64(struct wl_json *j, const char *key, uint64_t value);
void wl_json_str(struct wl_json *j, const char *key, const char *value);

#endif /* WL_PLATFORM_H */
