/*
 * backend_epoll.c - the classic event loop: one thread, N coroutines,
 * non-blocking pipes registered edge-triggered with one epoll instance.
 *
 * queue tries the call at once (the common case: data or room is there);
 * only on EAGAIN is the request parked on its descriptor, to be retried when
 * epoll_wait reports the descriptor ready. So every request costs at least
 * one system call: epoll batches the waiting, never the I/O.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "host.h"

#define EVENT_BATCH 256

struct parked {
	struct wl_io *head, *tail;	/* FIFO of requests waiting on this fd */
};

struct epoll_engine {
	int epfd;
	struct parked *slots;		/* indexed by descriptor */
	int nslots;
};

static long try_io(struct wl_io *io)
{
	ssize_t r = io->op == WL_OP_READ ? read(io->fd, io->buf, io->len)
					 : write(io->fd, io->buf, io->len);

	return r < 0 ? -errno : r;
}

static int epoll_init(struct wl_engine *eng)
{
	struct epoll_engine *ee = calloc(1, sizeof(*ee));

	if (!ee)
		return -ENOMEM;
	ee->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (ee->epfd < 0) {
		int err = errno;

		free(ee);
		return -err;
	}
	eng->priv = ee;
	return 0;
}

static void epoll_cleanup(struct wl_engine *eng)
{
	struct epoll_engine *ee = eng->priv;

	close(ee->epfd);
	free(ee->slots);
	free(ee);
	eng->priv = NULL;
}

static int watch(struct epoll_engine *ee, int fd, uint32_t events)
{
	static const struct parked none;
	struct epoll_event ev = { .events = events | EPOLLET, .data.fd = fd };
	struct parked *s = host_fd_table_grow(ee->slots, &ee->nslots, sizeof(*s), fd, &none);

	if (!s)
		return -ENOMEM;
	ee->slots = s;
	return epoll_ctl(ee->epfd, EPOLL_CTL_ADD, fd, &ev) < 0 ? -errno : 0;
}

/* Registered once, edge-triggered: a request parks only after its own
 * EAGAIN, and any later change of the pipe raises a new edge. Closing a
 * descriptor also takes it out of the epoll set, so the platform's close
 * serves as pipe_close. */
static int watch_pair(struct wl_engine *eng, const int p[2])
{
	struct epoll_engine *ee = eng->priv;
	int r = watch(ee, p[0], EPOLLIN);

	return r < 0 ? r : watch(ee, p[1], EPOLLOUT);
}

static int epoll_pipe_open(struct wl_engine *eng, int fds[2])
{
	return host_pipe_open(eng, fds, O_NONBLOCK, watch_pair);
}

static enum wl_queue_status epoll_queue(struct wl_engine *eng, struct wl_io *io)
{
	struct epoll_engine *ee = eng->priv;
	struct parked *slot;

	if (io->op == WL_OP_NOP) {
		io->result = syscall(SYS_getpid);	/* no asynchronous form */
		return WL_Q_COMPLETED;
	}
	if (io->fd < 0 || io->fd >= ee->nslots) {
		io->result = -EBADF;
		return WL_Q_COMPLETED;
	}
	slot = &ee->slots[io->fd];
	/* Someone is already waiting here: keep the order, go behind them. */
	if (!slot->head) {
		io->result = try_io(io);
		if (io->result != -EAGAIN)
			return WL_Q_COMPLETED;
	}
	io->be_next = NULL;
	if (slot->tail)
		slot->tail->be_next = io;
	else
		slot->head = io;
	slot->tail = io;
	return WL_Q_QUEUED;
}

/* Retry what waits on a ready descriptor, in order, until one would block. */
static unsigned service(struct parked *slot)
{
	unsigned done = 0;

	while (slot->head) {
		struct wl_io *io = slot->head;
		long r = try_io(io);

		if (r == -EAGAIN)
			break;
		slot->head = io->be_next;
		if (!slot->head)
			slot->tail = NULL;
		io->result = r;
		wl_io_done(io);
		done++;
	}
	return done;
}

static int epoll_getevents(struct wl_engine *eng, unsigned min)
{
	struct epoll_engine *ee = eng->priv;
	struct epoll_event evs[EVENT_BATCH];
	unsigned done = 0;

	do {
		int n = epoll_wait(ee->epfd, evs, EVENT_BATCH, done >= min ? 0 : -1);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (int i = 0; i < n; i++)
			done += service(&ee->slots[evs[i].data.fd]);
		if (n < EVENT_BATCH && done >= min)
			break;
	} while (1);
	return (int)done;
}

const struct wl_backend host_backend_epoll = {
	.name = "epoll",
	.init = epoll_init,
	.cleanup = epoll_cleanup,
	.pipe_open = epoll_pipe_open,
	.queue = epoll_queue,
	.getevents = epoll_getevents,
};
