/*
 * backend_fds.c - what the epoll and io_uring backends share about their
 * descriptors: how a pipe is opened and handed to the engine, and the
 * tables they keep indexed by descriptor.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host.h"

int host_pipe_open(struct wl_engine *eng, int fds[2], int flags,
		   int (*adopt)(struct wl_engine *eng, const int p[2]))
{
	int p[2], r;

	if (pipe2(p, flags | O_CLOEXEC) < 0)
		return -errno;
	r = adopt(eng, p);
	if (r < 0) {
		close(p[0]);
		close(p[1]);
		return r;
	}
	fds[0] = p[0];
	fds[1] = p[1];
	return 0;
}

void *host_fd_table_grow(void *table, int *n, size_t elem, int fd, const void *empty)
{
	int len = *n ? *n : 64;
	char *t;

	if (fd < *n)
		return table;
	while (len <= fd)
		len *= 2;
	t = realloc(table, (size_t)len * elem);
	if (!t)
		return NULL;
	for (int i = *n; i < len; i++)
		memcpy(t + (size_t)i * elem, empty, elem);
	*n = len;
	return t;
}
