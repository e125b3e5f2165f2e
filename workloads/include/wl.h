/*
 * wl.h - the workload core's interface to backends and to platform mains.
 *
 * A workload task issues I/O through wl_io(); the core hands each request to
 * the backend's queue hook, which answers:
 *   WL_Q_COMPLETED  done now, io->result holds the outcome (sync backends)
 *   WL_Q_QUEUED     accepted; the backend calls wl_io_done(io) later, from
 *                   inside one of its hooks, and the task (a coroutine)
 *                   sleeps until then
 *   WL_Q_BUSY       no room (e.g. a full submission ring): the core calls
 *                   getevents(eng, 0) to submit and reap, then retries
 * so one loop serves blocking threads and asynchronous rings alike.
 *
 * A backend flagged WL_BE_RING instead has its requests go straight onto
 * the platform's ring (wl_plat_ring.h, inline in the core): no struct
 * wl_io, no hook and no run-queue push per request. A request names only
 * the waiting task's struct wl_waiter (the ring's user data), and the
 * executor resumes tasks from the completion queue in the order the
 * kernel completed them: the kernel already keeps each request in flight,
 * so the user side keeps nothing.
 */
#ifndef WL_H
#define WL_H

#include "wl_platform.h"
#include "wl_args.h"
#include "wl_coro.h"

struct wl_config {
	enum wl_workload workload;
	const char *workload_name;
	const char *backend;	/* backend name as given */
	unsigned conc;		/* tasks (null, echo) or task pairs (pingpong, stream) */
	uint64_t ops;		/* total operations, split among tasks or pairs */
	size_t size;		/* message or chunk size in bytes */
	const char *notify;	/* --notify; when not given, the backend's default
				   mode ("" for a backend without modes) */
	bool procs;		/* tasks are processes instead of threads */
	uint64_t spin;		/* mixed: the CPU-bound task's thousands of rounds */
};

enum wl_op { WL_OP_NOP, WL_OP_READ, WL_OP_WRITE };

struct wl_task;

struct wl_io {
	enum wl_op op;
	int fd;
	void *buf;
	size_t len;
	long result;		/* bytes moved, or a negative errno */
	struct wl_task *task;	/* who waits for it (coroutine backends) */
	struct wl_io *be_next;	/* free for the backend, e.g. a wait list */
	uint64_t be_data;	/* free for the backend */
};

enum wl_queue_status { WL_Q_COMPLETED, WL_Q_QUEUED, WL_Q_BUSY };

/* What the lean hooks see of a waiting task: where its result goes. */
struct wl_waiter {
	long result;
};

struct wl_engine {
	const struct wl_backend *be;
	const struct wl_config *cfg;
	unsigned max_inflight;	/* tasks that may each have one request out */
	void *priv;		/* the backend's state */
	struct wl_sched *sched;	/* coroutine backends: the executor */
	bool ring;		/* WL_BE_RING, and the platform has the ring */
	bool adaptive;		/* WL_BE_ADAPTIVE too */
};

/* Tasks are threads (blocking calls); otherwise coroutines on one thread. */
#define WL_BE_THREADS 0x1u
/* Requests go on the platform's ring, inline (see above); getevents then
 * only submits and waits until `min` completions are ready, returning how
 * many are, and the core reaps them. */
#define WL_BE_RING 0x2u
/* With WL_BE_RING: per call, a direct system call instead of the ring when
 * the ring would carry the request alone (nothing else runnable, queued or
 * in flight), so a round costs no more than the call it replaces. */
#define WL_BE_ADAPTIVE 0x4u

/*
 * One I/O engine. Hooks other than queue may be NULL: pipe_open and
 * pipe_close then use the platform's blocking pipes, getevents is needed
 * only by backends that answer QUEUED or BUSY.
 */
struct wl_backend {
	const char *name;
	unsigned flags;
	/* Set up eng->priv. Negative errno: -WL_ENOSYS, -WL_EPERM or
	 * -WL_EACCES mean the capability is missing here (exit status 3). */
	int (*init)(struct wl_engine *eng);
	void (*cleanup)(struct wl_engine *eng);
	/* Create a pipe this engine can drive (e.g. non-blocking, registered). */
	int (*pipe_open)(struct wl_engine *eng, int fds[2]);
	int (*pipe_close)(struct wl_engine *eng, int fd);
	enum wl_queue_status (*queue)(struct wl_engine *eng, struct wl_io *io);
	/* Submit everything queued, then reap completions (calling
	 * wl_io_done() for each), waiting until at least `min` were reaped.
	 * One hook, not two, because io_uring_enter does both in one call.
	 * Returns the number reaped or a negative errno. */
	int (*getevents)(struct wl_engine *eng, unsigned min);
};

/* Called by a backend when a request it answered QUEUED completes. */
void wl_io_done(struct wl_io *io);

/* Run the program: parse argv (argv[1] names the workload), run, print the
 * @run line. Returns the exit status: 0 verified, 1 failed, 2 usage error,
 * 3 backend unavailable here. `target` goes into the @run line. */
int wl_main(int argc, char **argv, const struct wl_backend *const *backends,
	    const char *target);

/* Backends every platform gets from the core. */
extern const struct wl_backend wl_backend_sync;	/* threads, platform calls */
extern const struct wl_backend wl_backend_null;	/* coroutines, no system calls */

/* Test hook: the null backend flips one bit of the byte_index-th byte (from
 * 1) that passes through its pipes; 0 turns it off. */
void wl_backend_null_corrupt(uint64_t byte_index);

/* ---- argument parsing (args.c) ------------------------------------------ */

/* The arguments, their limits and defaults: wl_args.h. */
#define WL_ARGS_HELP 1
#define WL_ARGS_TABLE 2		/* `<prog> --args`: print wl_args.h's tables */

/* 0, WL_ARGS_HELP, WL_ARGS_TABLE, or -1 with a one-line reason in err. */
int wl_parse_args(int argc, char **argv, struct wl_config *cfg, char *err,
		  size_t errlen);
/* The usage, from wl_args.h; backends: the ones this program has. */
void wl_usage(int stream, const char *prog, const struct wl_backend *const *backends);
/* The tables of wl_args.h as lines for scripts and tests:
 *   @arg NAME num|name|flag MIN MAX DEFAULT      ("-" for none)
 *   @workload NAME MAX_SIZE
 *   @backend NAME refos|host|refos,host MODES|- DEFAULT_MODE|-
 *   @have NAME       (each backend this program was built with) */
void wl_print_table(int stream, const struct wl_backend *const *backends);

/* ---- ops splitting and data pattern (verify.c) -------------------------- */

/* Share of `total` for part i of n: the first total % n parts get one more. */
uint64_t wl_split_ops(uint64_t total, unsigned n, unsigned i);

/* Bytes of stream `chan` at offsets off.. : fill, or check and report the
 * offset of the first wrong byte. */
void wl_pattern_fill(uint8_t *buf, size_t n, uint32_t chan, uint64_t off);
bool wl_pattern_check(const uint8_t *buf, size_t n, uint32_t chan,
		      uint64_t off, uint64_t *bad_off);

/* ---- console helpers (json.c) -------------------------------------------- */

void wl_printf(int stream, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* WL_H */
