/*
 * backend_sync.c - tasks are threads making blocking system calls through
 * the platform: the baseline every asynchronous backend is compared with.
 * It never queues, so it needs no getevents.
 */
#include "wl.h"

static enum wl_queue_status sync_queue(struct wl_engine *eng, struct wl_io *io)
{
	(void)eng;
	switch (io->op) {
	case WL_OP_NOP:
		io->result = wl_plat_null_call();
		break;
	case WL_OP_READ:
		io->result = wl_plat_read(io->fd, io->buf, io->len);
		break;
	case WL_OP_WRITE:
		io->result = wl_plat_write(io->fd, io->buf, io->len);
		break;
	}
	return WL_Q_COMPLETED;
}

const struct wl_backend wl_backend_sync = {
	.name = "sync",
	.flags = WL_BE_THREADS,
	.queue = sync_queue,
};
