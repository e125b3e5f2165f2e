/*
 * Pipes with POSIX semantics: blocking read on empty, blocking write on full,
 * short reads, writes of up to RF_PIPE_BUF bytes atomic, EOF when every write
 * end is closed, EPIPE when every read end is. Data moves straight between
 * the user buffer and the pipe's pages, 8 bytes at a time when aligned.
 */
#include "defs.h"
#include "pipe.h"
#include "file.h"
#include "ring.h"

#define NPIPE 2048

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
	waitq_init(&pi->rwait);
	waitq_init(&pi->wwait);
	list_init(&pi->parked_reads);
	list_init(&pi->parked_writes);
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

void pipe_close(struct pipe *pi, bool writer)
{
	spin_lock(&pi->lock);
	if (writer) {
		pi->writers--;
		pipe_after_write(pi);   /* readers see EOF */
	} else {
		pi->readers--;
		pipe_after_read(pi);    /* writers see EPIPE */
	}
	bool last = pi->readers == 0 && pi->writers == 0;
	spin_unlock(&pi->lock);
	if (last)
		pipe_release(pi);
}

/* Copies n buffered bytes out to the user (pi->lock held); 0 or -EFAULT. */
long pipe_copy_out(struct pipe *pi, struct proc *p, uint64 ubuf, uint64 n)
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
long pipe_copy_in(struct pipe *pi, struct proc *p, uint64 ubuf, uint64 n)
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

/* Room appeared (or the last reader left): wake writers, sync and async. */
void pipe_after_read(struct pipe *pi)
{
	wakeup(&pi->wwait);
	if (!list_empty(&pi->parked_writes))
		ring_pipe_progress(pi, true);
}

/* Data appeared (or the last writer left): wake readers, sync and async. */
void pipe_after_write(struct pipe *pi)
{
	wakeup(&pi->rwait);
	if (!list_empty(&pi->parked_reads))
		ring_pipe_progress(pi, false);
}

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
	long r = pipe_copy_out(pi, myproc(), ubuf, m);
	if (r == 0) {
		pi->nread += m;
		r = (long)m;
		pipe_after_read(pi);
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
		uint64 space = PIPE_SIZE - (pi->nwrite - pi->nread);
		/* a write of up to RF_PIPE_BUF bytes goes in whole or waits */
		uint64 need = n <= RF_PIPE_BUF ? n : 1;
		if (space < need) {
			sleep_on(&pi->wwait, &pi->lock);
			continue;
		}
		uint64 chunk = MIN(space, n - written);
		if (pipe_copy_in(pi, myproc(), ubuf + written, chunk) < 0) {
			err = -RF_EFAULT;
			break;
		}
		pi->nwrite += chunk;
		written += chunk;
		pipe_after_write(pi);
	}
	spin_unlock(&pi->lock);
	return written ? (long)written : err;
}

/* Ring teardown: drop the parked requests of ring r from every pipe. */
void pipe_cancel_requests(struct ring_ctx *r, void (*unpark)(struct pipe *, struct async_req *))
{
	for (int i = 0; i < NPIPE; i++) {
		struct pipe *pi = &pipes[i];
		if (!pi->in_use)
			continue;
		spin_lock(&pi->lock);
		bool had = false;
		struct list *lists[2] = { &pi->parked_reads, &pi->parked_writes };
		for (int k = 0; k < 2; k++) {
			for (struct list *l = lists[k]->next; l != lists[k];) {
				struct async_req *q = list_entry(l, struct async_req, link);
				l = l->next;
				if (q->ring != r)
					continue;
				unpark(pi, q);
				req_free(q);
				had = true;
			}
		}
		if (had) {   /* the ends they held may have been the last */
			pipe_after_read(pi);
			pipe_after_write(pi);
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
		list_init(&pipes[i].parked_reads);
		list_init(&pipes[i].parked_writes);
		waitq_init(&pipes[i].rwait);
		waitq_init(&pipes[i].wwait);
	}
}
