/*
 * Pipes with POSIX semantics: blocking read on empty, blocking write on full,
 * short reads, writes of up to RF_PIPE_BUF bytes atomic, EOF when every write
 * end is closed, EPIPE when every read end is. Data moves straight between
 * the user buffer and the pipe's pages, 8 bytes at a time when aligned.
 * Asynchronous requests (pipe.h) wait on the pipe in order and are finished
 * by whoever makes progress on it: a peer's read or write, sync or async,
 * or a close.
 */
#include "defs.h"
#include "pipe.h"
#include "file.h"
#include "proc.h"
#include "memlayout.h"

#define NPIPE 4096   /* every fd of a process at RF_NOFILE a pipe end, and more */
#define PIPE_PAGES 4
#define PIPE_SIZE (PIPE_PAGES * PAGE_SIZE)

struct pipe {
	struct spinlock lock;       /* guards everything below */
	uint8 *page[PIPE_PAGES];    /* the buffer, a ring over these pages */
	uint64 nread, nwrite;       /* free-running byte counts */
	int readers, writers;       /* open ends, waiting async requests' too */
	struct waitq rwait, wwait;  /* threads blocked reading / writing */
	struct list waiting_reads;  /* async requests waiting for data */
	struct list waiting_writes; /* async requests waiting for room */
	bool in_use;
};

/* What read_now and write_now return when the caller has to wait: below
 * every -errno (all under 128), and never a byte count; small, so one
 * instruction loads it. */
#define PIPE_WAIT (-2047L)

static struct pipe pipes[NPIPE];
static struct spinlock pipes_lock = SPINLOCK_INIT("pipes");  /* guards in_use */

static struct pipe *pipe_alloc(void)
{
	spin_lock(&pipes_lock);
	for (int i = 0; i < NPIPE; i++) {
		if (!pipes[i].in_use) {
			pipes[i].in_use = true;
			spin_unlock(&pipes_lock);
			return &pipes[i];
		}
	}
	spin_unlock(&pipes_lock);
	return 0;
}

static void pipe_release(struct pipe *pi)
{
	for (int i = 0; i < PIPE_PAGES; i++)
		if (pi->page[i])
			kfree(pi->page[i]);
	spin_lock(&pipes_lock);
	pi->in_use = false;
	spin_unlock(&pipes_lock);
}

int pipe_create(struct file **rf, struct file **wf)
{
	struct pipe *pi = pipe_alloc();
	if (!pi)
		return -RF_ENFILE;
	spin_lock(&pi->lock);
	pi->nread = pi->nwrite = 0;
	pi->readers = pi->writers = 1;
	for (int i = 0; i < PIPE_PAGES; i++)
		pi->page[i] = 0;
	spin_unlock(&pi->lock);
	for (int i = 0; i < PIPE_PAGES; i++) {
		if (!(pi->page[i] = kalloc())) {
			pipe_release(pi);
			return -RF_ENOMEM;
		}
	}
	*rf = file_alloc(F_PIPE_READ, pi);
	*wf = *rf ? file_alloc(F_PIPE_WRITE, pi) : 0;
	if (!*wf) {
		if (*rf)
			(*rf)->ref = 0;
		pipe_release(pi);
		return -RF_ENFILE;
	}
	return 0;
}

/* Copies n buffered bytes out to the user (pi->lock held); 0 or -EFAULT. */
static long copy_out(struct pipe *pi, struct proc *p, uint64 ubuf, uint64 n)
{
	uint64 pos = pi->nread;
	while (n) {
		uint64 off = pos % PIPE_SIZE, in_page = off % PAGE_SIZE;
		uint64 chunk = MIN(n, PAGE_SIZE - in_page);
		if (uaccess_to(p, ubuf, pi->page[off / PAGE_SIZE] + in_page, chunk) < 0)
			return -RF_EFAULT;
		ubuf += chunk;
		pos += chunk;
		n -= chunk;
	}
	return 0;
}

/* Copies n bytes from the user into free space (pi->lock held); 0 or -EFAULT. */
static long copy_in(struct pipe *pi, struct proc *p, uint64 ubuf, uint64 n)
{
	uint64 pos = pi->nwrite;
	while (n) {
		uint64 off = pos % PIPE_SIZE, in_page = off % PAGE_SIZE;
		uint64 chunk = MIN(n, PAGE_SIZE - in_page);
		if (uaccess_from(p, pi->page[off / PAGE_SIZE] + in_page, ubuf, chunk) < 0)
			return -RF_EFAULT;
		ubuf += chunk;
		pos += chunk;
		n -= chunk;
	}
	return 0;
}

/* A write of up to RF_PIPE_BUF bytes goes in whole or waits; a longer one
 * goes in as room appears. true: len bytes of which done are in must wait. */
static inline bool write_must_wait(const struct pipe *pi, uint64 len, uint64 done)
{
	uint64 space = PIPE_SIZE - (pi->nwrite - pi->nread);
	uint64 need = len <= RF_PIPE_BUF ? len - done : 1;
	return space < need || space == 0;
}

/* One read for an async request (pi->lock held): the bytes read, 0 at EOF,
 * -EFAULT, or PIPE_WAIT when the pipe is empty and a writer is left. */
static inline __attribute__((always_inline))
long read_now(struct pipe *pi, struct proc *p, uint64 ubuf, uint64 n)
{
	uint64 avail = pi->nwrite - pi->nread;
	if (avail == 0)
		return pi->writers > 0 ? PIPE_WAIT : 0;
	uint64 m = MIN(n, avail);
	if (copy_out(pi, p, ubuf, m) < 0)
		return -RF_EFAULT;
	pi->nread += m;
	return (long)m;
}

/* Moves what may go in now of a write of len bytes, *done of them in
 * already (pi->lock held): 0 when bytes moved, PIPE_WAIT when it has to wait
 * for room, -EPIPE or -EFAULT. */
static inline __attribute__((always_inline))
long write_now(struct pipe *pi, struct proc *p, uint64 ubuf, uint64 len, uint64 *done)
{
	if (pi->readers == 0)
		return -RF_EPIPE;
	if (write_must_wait(pi, len, *done))
		return PIPE_WAIT;
	uint64 chunk = MIN(PIPE_SIZE - (pi->nwrite - pi->nread), len - *done);
	if (copy_in(pi, p, ubuf + *done, chunk) < 0)
		return -RF_EFAULT;
	pi->nwrite += chunk;
	*done += chunk;
	return 0;
}

/* Moves what it can for an async request (pi->lock held). Returns true when
 * it is finished, with q->res set. Inlined into pipe_req_start, where most
 * requests finish at once; req_try is the copy the waiting ones use. */
static inline __attribute__((always_inline))
bool req_try_now(struct pipe *pi, struct pipe_req *q)
{
	long r;
	if (q->reading) {
		r = read_now(pi, q->proc, q->addr, q->len);
		q->res = r;
		return r != PIPE_WAIT;
	}
	while ((r = write_now(pi, q->proc, q->addr, q->len, &q->done)) == 0)
		if (q->done == q->len) {
			q->res = (int64)q->len;
			return true;
		}
	if (r == PIPE_WAIT)
		return false;
	q->res = q->done ? (int64)q->done : r;   /* bytes in stay in */
	return true;
}

static bool req_try(struct pipe *pi, struct pipe_req *q) { return req_try_now(pi, q); }

static void after_read(struct pipe *pi);
static void after_write(struct pipe *pi);

/* A waiting request leaves the pipe, releasing the end it held open. */
static void req_leave(struct pipe *pi, struct pipe_req *q)
{
	list_del(&q->link);
	if (q->reading)
		pi->readers--;
	else
		pi->writers--;
}

/* Finishes waiting requests of one side in order; true if anything moved. */
static bool serve_waiting(struct pipe *pi, bool writes)
{
	struct list *waiting = writes ? &pi->waiting_writes : &pi->waiting_reads;
	bool moved = false;
	while (!list_empty(waiting)) {
		struct pipe_req *q = list_entry(waiting->next, struct pipe_req, link);
		uint64 before = q->done;
		if (!req_try(pi, q)) {
			moved |= q->done != before;   /* a big write went in part of the way */
			break;
		}
		req_leave(pi, q);
		q->finish(q);
		moved = true;
	}
	return moved;
}

/* The pipe made progress: room appeared (waiting writes may go on) or data
 * or EOF did (waiting reads may). Serving one side feeds the other, so the
 * sides alternate until neither moves. */
static void serve_async(struct pipe *pi, bool room)
{
	while (serve_waiting(pi, room)) {
		wakeup(room ? &pi->rwait : &pi->wwait);   /* sync waiters of the other side */
		room = !room;
	}
}

/* Room appeared (or the last reader left): wake writers, sync and async. */
static void after_read(struct pipe *pi)
{
	wakeup(&pi->wwait);
	if (!list_empty(&pi->waiting_writes))
		serve_async(pi, true);
}

/* Data appeared (or the last writer left): wake readers, sync and async. */
static void after_write(struct pipe *pi)
{
	wakeup(&pi->rwait);
	if (!list_empty(&pi->waiting_reads))
		serve_async(pi, false);
}

void pipe_close(struct pipe *pi, bool writer)
{
	spin_lock(&pi->lock);
	if (writer) {
		pi->writers--;
		after_write(pi);   /* readers see EOF */
	} else {
		pi->readers--;
		after_read(pi);    /* writers see EPIPE */
	}
	bool last = pi->readers == 0 && pi->writers == 0;
	spin_unlock(&pi->lock);
	if (last)
		pipe_release(pi);
}

/* The sync calls keep loops of their own, the buffer rules shared with the
 * async side through write_must_wait(): on the system-call path a shared
 * helper cost each call a dozen instructions of saved registers. */
long pipe_read(struct pipe *pi, uint64 ubuf, uint64 n)
{
	if (n == 0)
		return 0;
	spin_lock(&pi->lock);
	while (pi->nread == pi->nwrite) {
		if (pi->writers == 0) {
			spin_unlock(&pi->lock);
			return 0;
		}
		if (myproc()->exiting) {
			spin_unlock(&pi->lock);
			return -RF_EINTR;
		}
		sleep_on(&pi->rwait, &pi->lock);
	}
	uint64 m = MIN(n, pi->nwrite - pi->nread);
	long r = copy_out(pi, myproc(), ubuf, m);
	if (r == 0) {
		pi->nread += m;
		r = (long)m;
		after_read(pi);
	}
	spin_unlock(&pi->lock);
	return r;
}

long pipe_write(struct pipe *pi, uint64 ubuf, uint64 n)
{
	uint64 written = 0;
	long err = 0;
	spin_lock(&pi->lock);
	while (written < n) {
		if (pi->readers == 0) {
			err = -RF_EPIPE;
			break;
		}
		if (myproc()->exiting) {
			err = -RF_EINTR;
			break;
		}
		if (write_must_wait(pi, n, written)) {
			sleep_on(&pi->wwait, &pi->lock);
			continue;
		}
		uint64 chunk = MIN(PIPE_SIZE - (pi->nwrite - pi->nread), n - written);
		if (copy_in(pi, myproc(), ubuf + written, chunk) < 0) {
			err = -RF_EFAULT;
			break;
		}
		pi->nwrite += chunk;
		written += chunk;
		after_write(pi);
	}
	spin_unlock(&pi->lock);
	return written ? (long)written : err;
}

bool pipe_req_start(struct pipe *pi, struct pipe_req *q, struct spinlock *handoff,
		    struct pipe_req *(*keep)(const struct pipe_req *q))
{
	spin_lock(&pi->lock);
	spin_unlock(handoff);   /* the pipe lock now keeps the pipe */
	struct list *line = q->reading ? &pi->waiting_reads : &pi->waiting_writes;
	bool done = list_empty(line) && req_try_now(pi, q);
	struct pipe_req *w = done ? 0 : keep(q);
	if (!done && !w) {
		/* no room to wait: a short write, or try again later */
		q->res = q->done ? (int64)q->done : -RF_EAGAIN;
		done = true;
	}
	if (w) {
		list_add_tail(line, &w->link);
		if (w->reading)
			pi->readers++;
		else
			pi->writers++;
	}
	if (q->reading && done && q->res > 0)
		after_read(pi);
	else if (!q->reading && q->done > 0)
		after_write(pi);
	spin_unlock(&pi->lock);
	return done;
}

void pipe_cancel_owner(void *owner, void (*drop)(struct pipe_req *q))
{
	for (int i = 0; i < NPIPE; i++) {
		struct pipe *pi = &pipes[i];
		if (!pi->in_use)
			continue;
		spin_lock(&pi->lock);
		bool had = false;
		struct list *lines[2] = { &pi->waiting_reads, &pi->waiting_writes };
		for (int k = 0; k < 2; k++) {
			for (struct list *l = lines[k]->next; l != lines[k];) {
				struct pipe_req *q = list_entry(l, struct pipe_req, link);
				l = l->next;
				if (q->owner != owner)
					continue;
				req_leave(pi, q);
				drop(q);
				had = true;
			}
		}
		if (had) {   /* the ends they held may have been the last */
			after_read(pi);
			after_write(pi);
		}
		bool last = had && pi->readers == 0 && pi->writers == 0;
		spin_unlock(&pi->lock);
		if (last)
			pipe_release(pi);
	}
}

/* Every pipe's lock and lists are valid from boot, so a scan may lock any. */
void pipe_init(void)
{
	for (int i = 0; i < NPIPE; i++) {
		spin_init(&pipes[i].lock, "pipe");
		list_init(&pipes[i].waiting_reads);
		list_init(&pipes[i].waiting_writes);
		waitq_init(&pipes[i].rwait);
		waitq_init(&pipes[i].wwait);
	}
}
