/* Pipe semantics: data, blocking, short reads, EOF, EPIPE, EBADF, EMFILE. */
#include <stdlib.h>
#include <string.h>
#include "refos.h"
#include "ktest.h"
#include "tests.h"

int t_pipe_roundtrip(void)
{
	int fds[2];
	char buf[16];
	CHECK_EQ(pipe(fds), 0);
	CHECK(fds[0] != fds[1]);
	CHECK_EQ(write(fds[1], "hello", 5), 5);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 5);   /* a short read: only 5 there */
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECK_EQ(read(fds[0], buf, 0), 0);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
	return 0;
}

int t_pipe_lowest_fd(void)
{
	int a[2], b[2];
	CHECK_EQ(pipe(a), 0);
	CHECK_EQ(a[0], 0);
	CHECK_EQ(a[1], 1);
	CHECK_EQ(close(a[0]), 0);
	CHECK_EQ(pipe(b), 0);
	CHECK_EQ(b[0], 0);   /* the freed slot is reused first */
	CHECK_EQ(b[1], 2);
	return 0;
}

int t_pipe_eof(void)
{
	int fds[2];
	char c;
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(write(fds[1], "x", 1), 1);
	CHECK_EQ(close(fds[1]), 0);
	CHECK_EQ(read(fds[0], &c, 1), 1);   /* buffered data first */
	CHECK_EQ(read(fds[0], &c, 1), 0);   /* then EOF */
	CHECK_EQ(read(fds[0], &c, 1), 0);
	return 0;
}

int t_pipe_epipe(void)
{
	int fds[2];
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(write(fds[1], "x", 1), -RF_EPIPE);
	return 0;
}

int t_pipe_ebadf(void)
{
	int fds[2];
	char c = 0;
	CHECK_EQ(read(-1, &c, 1), -RF_EBADF);
	CHECK_EQ(read(RF_NOFILE, &c, 1), -RF_EBADF);
	CHECK_EQ(write(77, &c, 1), -RF_EBADF);
	CHECK_EQ(close(77), -RF_EBADF);
	CHECK_EQ(close(-5), -RF_EBADF);
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(write(fds[0], &c, 1), -RF_EBADF);   /* wrong end */
	CHECK_EQ(read(fds[1], &c, 1), -RF_EBADF);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[0]), -RF_EBADF);           /* twice */
	return 0;
}

int t_pipe_emfile(void)
{
	int fds[2], n = 0, r;
	while ((r = pipe(fds)) == 0)
		n++;
	CHECK_EQ(r, -RF_EMFILE);
	CHECK_EQ(n, RF_NOFILE / 2);
	CHECK_EQ(close(5), 0);
	CHECK_EQ(pipe(fds), -RF_EMFILE);   /* one free fd is not enough */
	CHECK_EQ(close(9), 0);
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(fds[0], 5);
	CHECK_EQ(fds[1], 9);
	for (int fd = 0; fd < RF_NOFILE; fd++)
		CHECK_EQ(close(fd), 0);
	return 0;
}

struct pipe_arg {
	int fd;
	long n;
	long result;
	char *buf;
};

static long reader_thread(void *p)
{
	struct pipe_arg *a = p;
	a->result = read(a->fd, a->buf, a->n);
	return 0;
}

static long writer_thread(void *p)
{
	struct pipe_arg *a = p;
	a->result = write(a->fd, a->buf, a->n);
	return 0;
}

/* A read of an empty pipe sleeps until a writer comes. */
int t_pipe_blocking_read(void)
{
	int fds[2];
	char buf[8];
	long v;
	struct pipe_arg a = { 0, 8, -99, buf };
	CHECK_EQ(pipe(fds), 0);
	a.fd = fds[0];
	int tid = thread_create(reader_thread, &a);
	CHECK(tid > 0);
	for (int i = 0; i < 20; i++)
		yield();
	CHECK_EQ(a.result, -99);   /* still blocked */
	CHECK_EQ(write(fds[1], "abc", 3), 3);
	CHECK_EQ(thread_join(tid, &v), 0);
	CHECK_EQ(a.result, 3);
	CHECK(memcmp(buf, "abc", 3) == 0);
	return 0;
}

/* A write bigger than the pipe sleeps until the reader makes room. */
int t_pipe_blocking_write(void)
{
	int fds[2];
	long v;
	static char big[65536], out[65536];
	for (int i = 0; i < 65536; i++)
		big[i] = (char)(i * 7);
	CHECK_EQ(pipe(fds), 0);
	struct pipe_arg a = { fds[1], sizeof(big), -99, big };
	int tid = thread_create(writer_thread, &a);
	CHECK(tid > 0);
	for (int i = 0; i < 20; i++)
		yield();
	CHECK_EQ(a.result, -99);   /* the pipe is full and the writer waits */
	long got = 0, r;
	while (got < (long)sizeof(out) && (r = read(fds[0], out + got, sizeof(out) - got)) > 0)
		got += r;
	CHECK_EQ(got, sizeof(out));
	CHECK_EQ(thread_join(tid, &v), 0);
	CHECK_EQ(a.result, sizeof(big));
	CHECK(memcmp(big, out, sizeof(out)) == 0);
	return 0;
}

struct stream_arg {
	int fd;
	long total;
	uint64_t sum;
};

static long stream_writer(void *p)
{
	struct stream_arg *a = p;
	static unsigned char buf[3000];
	for (long sent = 0, k = 0; sent < a->total; k++) {
		long n = a->total - sent < 3000 ? a->total - sent : 3000;
		for (long i = 0; i < n; i++) {
			buf[i] = (unsigned char)((sent + i) * 13 + 5);
			a->sum += buf[i];
		}
		if (write(a->fd, buf, n) != n)
			return 1;
		sent += n;
	}
	close(a->fd);
	return 0;
}

/* 1 MiB between two threads in odd-sized pieces: every byte in order. */
int t_pipe_large_transfer(void)
{
	int fds[2];
	long v;
	struct stream_arg w = { 0, 1 << 20, 0 };
	static unsigned char buf[5000];
	CHECK_EQ(pipe(fds), 0);
	w.fd = fds[1];
	int tid = thread_create(stream_writer, &w);
	CHECK(tid > 0);
	long got = 0, r;
	while ((r = read(fds[0], buf, sizeof(buf))) > 0) {
		for (long i = 0; i < r; i++)
			if (buf[i] != (unsigned char)((got + i) * 13 + 5))
				CHECK(!"byte out of order");
		got += r;
	}
	CHECK_EQ(r, 0);
	CHECK_EQ(got, 1 << 20);
	CHECK_EQ(thread_join(tid, &v), 0);
	CHECK_EQ(v, 0);
	return 0;
}

/* Two writers of PIPE_BUF-sized records: records never interleave. */
static long record_writer(void *p)
{
	struct pipe_arg *a = p;
	static char recs[2][RF_PIPE_BUF];
	char *rec = recs[a->n];
	memset(rec, 'A' + (int)a->n, RF_PIPE_BUF);
	for (int i = 0; i < 16; i++)
		if (write(a->fd, rec, RF_PIPE_BUF) != RF_PIPE_BUF)
			return 1;
	return 0;
}

int t_pipe_atomic_writes(void)
{
	int fds[2];
	long v;
	static char rec[RF_PIPE_BUF];
	CHECK_EQ(pipe(fds), 0);
	struct pipe_arg a = { fds[1], 0, 0, 0 }, b = { fds[1], 1, 0, 0 };
	int ta = thread_create(record_writer, &a), tb = thread_create(record_writer, &b);
	for (int i = 0; i < 32; i++) {
		long got = 0, r;
		while (got < RF_PIPE_BUF && (r = read(fds[0], rec + got, RF_PIPE_BUF - got)) > 0)
			got += r;
		CHECK_EQ(got, RF_PIPE_BUF);
		for (int j = 1; j < RF_PIPE_BUF; j++)
			CHECK(rec[j] == rec[0]);
	}
	CHECK_EQ(thread_join(ta, &v), 0);
	CHECK_EQ(thread_join(tb, &v), 0);
	return 0;
}
