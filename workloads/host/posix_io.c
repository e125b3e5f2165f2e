/*
 * posix_io.c - the I/O part of wl_platform.h on a POSIX system: blocking
 * pipes, read, write, close, with errno turned into a negative result.
 * Shared by the host platform and the unit tests' fake platform.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "wl_platform.h"

int wl_plat_pipe(int fds[2])
{
	return pipe2(fds, O_CLOEXEC) < 0 ? -errno : 0;
}

long wl_plat_read(int fd, void *buf, size_t n)
{
	ssize_t r = read(fd, buf, n);

	return r < 0 ? -errno : r;
}

long wl_plat_write(int fd, const void *buf, size_t n)
{
	ssize_t r = write(fd, buf, n);

	return r < 0 ? -errno : r;
}

int wl_plat_close(int fd)
{
	return close(fd) < 0 ? -errno : 0;
}
