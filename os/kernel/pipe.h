#pragma once
/*
 * The pipe's interface to the asynchronous side. struct pipe is pipe.c's
 * own: the ring code hands it a request and is called back when it is done,
 * so the buffer rules (atomic writes, EOF, EPIPE) are written once.
 */
#include "types.h"
#include "list.h"

struct pipe;
struct proc;
struct spinlock;

/* An asynchronous read or write the pipe may hold until it can finish. */
struct pipe_req {
	struct list link;                    /* on the pipe's queue while it waits */
	struct proc *proc;                   /* whose memory addr is in */
	void *owner;                         /* what pipe_cancel_owner() matches */
	void (*finish)(struct pipe_req *q);  /* result in res; pipe lock held */
	uint64 addr, len, done;
	int64 res;
	bool reading;
};

/*
 * Starts q on pi, behind requests of its side already waiting; `handoff`
 * (held by the caller, keeping pi alive) is released once pi is locked.
 * Returns true when q finished at once, with q->res set. Otherwise keep(q)
 * is asked for storage to wait in: the copy it returns waits on the pipe,
 * holds its end open as a blocked caller would, and has finish() called
 * once it is done or never (pipe_cancel_owner). If keep() has none, q
 * finishes now as a short write or -EAGAIN and true is returned.
 */
bool pipe_req_start(struct pipe *pi, struct pipe_req *q, struct spinlock *handoff,
		    struct pipe_req *(*keep)(const struct pipe_req *q));

/* Drops, unfinished, every waiting request of owner, through drop(). */
void pipe_cancel_owner(void *owner, void (*drop)(struct pipe_req *q));
