/*
 * backend_uring.c - N coroutines on one thread over io_uring (liburing).
 *
 * queue only fills an SQE; nothing reaches the kernel until every runnable
 * task has queued its request and the executor calls getevents, so one
 * io_uring_enter submits the whole batch and waits, and the completions are
 * reaped in batches from the shared ring without further system calls.
 * Pipes are registered as fixed files, sparing the kernel a file lookup
 * and reference count per request (~8% of the time at conc 64).
 *
 * uring-sqpoll (IORING_SETUP_SQPOLL): a kernel thread polls the SQ, so
 * submitting is a store to the ring tail and completions are found by
 * spinning on the CQ: no system call in the steady state, at the price of
 * the SQ thread's CPU time (reported as sqpoll_cpu_ns by the counters).
 *
 * --inject (test only) shortens every 3rd read/write to half its length, a
 * real short transfer, and completes every 5th with -EAGAIN without doing
 * it; the core must still deliver and verify every byte.
 */
#include <errno.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host.h"

#define REAP_BATCH 64
/* How long to poll the CQ before sleeping in io_uring_enter: as long as
 * SPIN_MAX_NS while polling pays off, down to SPIN_MIN_NS while it does not
 * (e.g. when the SQ thread shares our CPU and cannot run while we spin). */
#define SPIN_MAX_NS (1000 * 1000)
#define SPIN_MIN_NS (20 * 1000)
#define SQ_IDLE_MS 1000			/* SQ thread sleeps after this */
#define FAKE_EAGAIN 1			/* io->be_data: injected failure */

struct uring_engine {
	struct io_uring ring;
	bool sqpoll;
	bool spin;		/* look for completions by polling the CQ */
	uint64_t rw_seen;	/* reads and writes queued, picks victims */
	uint64_t spin_ns;	/* current polling budget */
	/* Pipes are registered as fixed files: no fget/fput per request. */
	int *slot_of_fd;	/* index in the registered table, by fd */
	int nfds;		/* entries in slot_of_fd */
	unsigned nfixed, fixed_cap;
};

static unsigned ring_entries(unsigned inflight)
{
	unsigned n = 8;

	while (n < inflight && n < 32768)
		n <<= 1;
	return n;
}

static int init_common(struct wl_engine *eng, bool sqpoll)
{
	const char *notify = eng->cfg->notify;
	struct io_uring_params p;
	struct uring_engine *ue;
	int r;

	ue = calloc(1, sizeof(*ue));
	if (!ue)
		return -ENOMEM;
	ue->sqpoll = sqpoll;
	ue->spin_ns = SPIN_MAX_NS;
	/* wl_parse_args checked it against wl_args.h and filled the default. */
	ue->spin = !strcmp(notify, "poll");
	memset(&p, 0, sizeof(p));
	if (sqpoll) {
		p.flags |= IORING_SETUP_SQPOLL;
		p.sq_thread_idle = SQ_IDLE_MS;
		if (host_opts.npin >= 2) {
			p.flags |= IORING_SETUP_SQ_AFF;
			p.sq_thread_cpu = (unsigned)host_opts.pin[1];
		}
	}
	r = io_uring_queue_init_params(ring_entries(eng->max_inflight),
				       &ue->ring, &p);
	if (r < 0) {
		free(ue);
		return r;
	}
	/* Every task owns at most one pipe end pair, so this many slots
	 * suffice; without them (old kernels) plain descriptors are used. */
	ue->fixed_cap = 2 * eng->max_inflight + 2;
	if (io_uring_register_files_sparse(&ue->ring, ue->fixed_cap) < 0)
		ue->fixed_cap = 0;
	eng->priv = ue;
	return 0;
}

static int uring_init(struct wl_engine *eng)
{
	return init_common(eng, false);
}

static int sqpoll_init(struct wl_engine *eng)
{
	return init_common(eng, true);
}

static void uring_cleanup(struct wl_engine *eng)
{
	struct uring_engine *ue = eng->priv;

	io_uring_queue_exit(&ue->ring);
	free(ue->slot_of_fd);
	free(ue);
	eng->priv = NULL;
}

static int remember_slot(struct uring_engine *ue, int fd, int slot)
{
	static const int unregistered = -1;
	int *m = host_fd_table_grow(ue->slot_of_fd, &ue->nfds, sizeof(*m), fd, &unregistered);

	if (!m)
		return -ENOMEM;
	ue->slot_of_fd = m;
	m[fd] = slot;
	return 0;
}

/* Both ends go into the fixed-file table while it has room. The registered
 * copy lives until the ring is torn down, so the platform's close serves
 * as pipe_close. */
static int register_pair(struct wl_engine *eng, const int p[2])
{
	struct uring_engine *ue = eng->priv;
	int r = 0;

	if (ue->fixed_cap && ue->nfixed + 2 <= ue->fixed_cap) {
		r = io_uring_register_files_update(&ue->ring, ue->nfixed, p, 2);
		if (r == 2) {
			r = remember_slot(ue, p[0], (int)ue->nfixed);
			if (r == 0)
				r = remember_slot(ue, p[1], (int)ue->nfixed + 1);
			ue->nfixed += 2;
		}
	}
	return r;
}

static int uring_pipe_open(struct wl_engine *eng, int fds[2])
{
	return host_pipe_open(eng, fds, 0, register_pair);
}

/* The fixed-file slot of fd, or -1 to use the descriptor itself. */
static int fixed_slot(const struct uring_engine *ue, int fd)
{
	return fd >= 0 && fd < ue->nfds ? ue->slot_of_fd[fd] : -1;
}

static enum wl_queue_status uring_queue(struct wl_engine *eng, struct wl_io *io)
{
	struct uring_engine *ue = eng->priv;
	struct io_uring_sqe *sqe = io_uring_get_sqe(&ue->ring);
	unsigned len = (unsigned)io->len;
	int slot;

	if (!sqe)
		return WL_Q_BUSY;
	if (io->op != WL_OP_NOP && host_opts.inject) {
		uint64_t k = ++ue->rw_seen;

		if ((host_opts.inject & HOST_INJECT_EAGAIN) && k % 5 == 0) {
			io_uring_prep_nop(sqe);
			io->be_data = FAKE_EAGAIN;
			io_uring_sqe_set_data(sqe, io);
			return WL_Q_QUEUED;
		}
		if ((host_opts.inject & HOST_INJECT_SHORT) && k % 3 == 0 && len > 1)
			len /= 2;
	}
	switch (io->op) {
	case WL_OP_NOP:
		io_uring_prep_nop(sqe);
		break;
	case WL_OP_READ:	/* offset -1: pipes have no position */
		io_uring_prep_read(sqe, io->fd, io->buf, len, (__u64)-1);
		break;
	case WL_OP_WRITE:
		io_uring_prep_write(sqe, io->fd, io->buf, len, (__u64)-1);
		break;
	}
	slot = fixed_slot(ue, io->fd);
	if (slot >= 0) {
		sqe->fd = slot;
		sqe->flags |= IOSQE_FIXED_FILE;
	}
	io_uring_sqe_set_data(sqe, io);
	return WL_Q_QUEUED;
}

/* Everything already in the CQ, without a system call. */
static unsigned reap(struct uring_engine *ue)
{
	struct io_uring_cqe *cqes[REAP_BATCH];
	unsigned n, total = 0;

	while ((n = io_uring_peek_batch_cqe(&ue->ring, cqes, REAP_BATCH)) > 0) {
		for (unsigned i = 0; i < n; i++) {
			struct wl_io *io = io_uring_cqe_get_data(cqes[i]);

			io->result = io->be_data == FAKE_EAGAIN ? -EAGAIN
								: cqes[i]->res;
			wl_io_done(io);
		}
		io_uring_cq_advance(&ue->ring, n);
		total += n;
	}
	return total;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);	/* vDSO: no system call */
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Poll the CQ for a while; 0 if nothing came (the caller then sleeps). */
/* A spin-wait hint: x86's pause; on RISC-V Zihintpause's encoding, a
 * HINT that executes as a no-op on harts without the extension. */
static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__riscv)
	__asm__ volatile(".4byte 0x0100000f" ::: "memory");
#else
	__asm__ volatile("" ::: "memory");
#endif
}

static unsigned spin_reap(struct uring_engine *ue)
{
	uint64_t deadline = now_ns() + ue->spin_ns;

	for (unsigned i = 1;; i++) {
		unsigned got = reap(ue);

		if (got) {
			if (ue->spin_ns < SPIN_MAX_NS)
				ue->spin_ns *= 2;
			return got;
		}
		cpu_relax();
		if (i % 256 == 0 && now_ns() > deadline) {
			if (ue->spin_ns > SPIN_MIN_NS)
				ue->spin_ns /= 2;
			return 0;
		}
	}
}

static int uring_getevents(struct wl_engine *eng, unsigned min)
{
	struct uring_engine *ue = eng->priv;
	unsigned got = reap(ue);
	int r;

	if (io_uring_sq_ready(&ue->ring) > 0 && (ue->sqpoll || ue->spin || got >= min)) {
		/* SQPOLL: a store, plus a wake-up call only if the SQ thread
		 * went to sleep. Otherwise one io_uring_enter. */
		r = io_uring_submit(&ue->ring);
		if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY)
			return r;
	}
	while (got < min) {
		if (ue->spin) {
			got += spin_reap(ue);
			if (got >= min)
				break;
		}
		/* Submit what is left and sleep for one completion, in one call. */
		r = io_uring_submit_and_wait(&ue->ring, 1);
		if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY)
			return r;
		got += reap(ue);
	}
	return (int)got;
}

const struct wl_backend host_backend_uring = {
	.name = "uring",
	.init = uring_init,
	.cleanup = uring_cleanup,
	.pipe_open = uring_pipe_open,
	.queue = uring_queue,
	.getevents = uring_getevents,
};

const struct wl_backend host_backend_uring_sqpoll = {
	.name = "uring-sqpoll",
	.init = sqpoll_init,
	.cleanup = uring_cleanup,
	.pipe_open = uring_pipe_open,
	.queue = uring_queue,
	.getevents = uring_getevents,
};
