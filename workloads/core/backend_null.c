/*
 * backend_null.c - no system calls at all: pipes are ring buffers in memory
 * and tasks are coroutines, so a run costs only the framework (executor,
 * queue/complete path, pattern and checks). Its figures are the floor every
 * other backend is measured against, and it runs anywhere the core builds.
 *
 * A read of an empty pipe or a write to a full one is parked and completed
 * by the task on the other end, which is how an asynchronous kernel
 * completes a parked request.
 */
#include "wl.h"

#define MEM_PIPE_CAP 65536u
#define FD_BASE 1000	/* far from real descriptors: a mix-up fails loudly */

struct wait_list {
	struct wl_io *head, *tail;
};

struct mem_pipe {
	uint8_t *buf;
	size_t head, len;		/* ring: bytes [head, head + len) */
	struct wait_list readers, writers;
};

struct null_engine {
	struct mem_pipe *pipes;
	unsigned npipes, cap;
	uint64_t bytes_passed;		/* for the corruption hook */
};

static uint64_t corrupt_at;

void wl_backend_null_corrupt(uint64_t byte_index)
{
	corrupt_at = byte_index;
}

static void wait_push(struct wait_list *w, struct wl_io *io)
{
	io->be_next = NULL;
	if (w->tail)
		w->tail->be_next = io;
	else
		w->head = io;
	w->tail = io;
}

static struct wl_io *wait_pop(struct wait_list *w)
{
	struct wl_io *io = w->head;

	if (io) {
		w->head = io->be_next;
		if (!w->head)
			w->tail = NULL;
	}
	return io;
}

static size_t pipe_put(struct mem_pipe *p, const uint8_t *src, size_t n)
{
	size_t space = MEM_PIPE_CAP - p->len;

	if (n > space)
		n = space;
	for (size_t done = 0; done < n;) {
		size_t at = (p->head + p->len) % MEM_PIPE_CAP;
		size_t run = MEM_PIPE_CAP - at < n - done ? MEM_PIPE_CAP - at : n - done;

		memcpy(p->buf + at, src + done, run);
		p->len += run;
		done += run;
	}
	return n;
}

static size_t pipe_get(struct null_engine *ne, struct mem_pipe *p, uint8_t *dst,
		       size_t n)
{
	if (n > p->len)
		n = p->len;
	for (size_t done = 0; done < n;) {
		size_t run = MEM_PIPE_CAP - p->head < n - done ?
			     MEM_PIPE_CAP - p->head : n - done;

		memcpy(dst + done, p->buf + p->head, run);
		p->head = (p->head + run) % MEM_PIPE_CAP;
		p->len -= run;
		done += run;
	}
	if (corrupt_at > ne->bytes_passed && corrupt_at <= ne->bytes_passed + n)
		dst[corrupt_at - ne->bytes_passed - 1] ^= 0x01;
	ne->bytes_passed += n;
	return n;
}

/* Hand data to parked readers and room to parked writers until neither
 * side can make progress. */
static void pipe_settle(struct null_engine *ne, struct mem_pipe *p)
{
	bool moved = true;

	while (moved) {
		moved = false;
		while (p->readers.head && p->len > 0) {
			struct wl_io *r = wait_pop(&p->readers);

			r->result = (long)pipe_get(ne, p, r->buf, r->len);
			wl_io_done(r);
			moved = true;
		}
		while (p->writers.head && p->len < MEM_PIPE_CAP) {
			struct wl_io *w = wait_pop(&p->writers);

			w->result = (long)pipe_put(p, w->buf, w->len);
			wl_io_done(w);
			moved = true;
		}
	}
}

static int null_init(struct wl_engine *eng)
{
	struct null_engine *ne = calloc(1, sizeof(*ne));

	if (!ne)
		return -WL_ENOMEM;
	/* No workload needs more pipes than it has tasks. */
	ne->cap = eng->max_inflight;
	ne->pipes = calloc(ne->cap ? ne->cap : 1, sizeof(*ne->pipes));
	if (!ne->pipes) {
		free(ne);
		return -WL_ENOMEM;
	}
	eng->priv = ne;
	return 0;
}

static void null_cleanup(struct wl_engine *eng)
{
	struct null_engine *ne = eng->priv;

	for (unsigned i = 0; i < ne->npipes; i++)
		free(ne->pipes[i].buf);
	free(ne->pipes);
	free(ne);
	eng->priv = NULL;
}

static int null_pipe_open(struct wl_engine *eng, int fds[2])
{
	struct null_engine *ne = eng->priv;
	struct mem_pipe *p;

	if (ne->npipes == ne->cap)
		return -WL_ENOMEM;
	p = &ne->pipes[ne->npipes];
	p->buf = malloc(MEM_PIPE_CAP);
	if (!p->buf)
		return -WL_ENOMEM;
	fds[0] = FD_BASE + 2 * (int)ne->npipes;
	fds[1] = fds[0] + 1;
	ne->npipes++;
	return 0;
}

static int null_pipe_close(struct wl_engine *eng, int fd)
{
	(void)eng;
	(void)fd;
	return 0;	/* buffers go with the engine */
}

static enum wl_queue_status null_queue(struct wl_engine *eng, struct wl_io *io)
{
	struct null_engine *ne = eng->priv;
	unsigned idx = (unsigned)(io->fd - FD_BASE) / 2;
	bool is_write_end = (io->fd - FD_BASE) % 2 == 1;
	struct mem_pipe *p;

	if (io->op == WL_OP_NOP) {
		io->result = 0;
		return WL_Q_COMPLETED;
	}
	if (io->fd < FD_BASE || idx >= ne->npipes ||
	    is_write_end != (io->op == WL_OP_WRITE)) {
		io->result = -WL_EBADF;
		return WL_Q_COMPLETED;
	}
	p = &ne->pipes[idx];
	if (io->op == WL_OP_READ) {
		if (p->len == 0) {
			wait_push(&p->readers, io);
			return WL_Q_QUEUED;
		}
		io->result = (long)pipe_get(ne, p, io->buf, io->len);
	} else {
		if (p->len == MEM_PIPE_CAP) {
			wait_push(&p->writers, io);
			return WL_Q_QUEUED;
		}
		io->result = (long)pipe_put(p, io->buf, io->len);
	}
	pipe_settle(ne, p);
	return WL_Q_COMPLETED;
}

/* Everything completes inside queue: if all tasks wait, nothing ever will. */
static int null_getevents(struct wl_engine *eng, unsigned min)
{
	(void)eng;
	(void)min;
	return 0;
}

const struct wl_backend wl_backend_null = {
	.name = "null",
	.init = null_init,
	.cleanup = null_cleanup,
	.pipe_open = null_pipe_open,
	.pipe_close = null_pipe_close,
	.queue = null_queue,
	.getevents = null_getevents,
};
