#pragma once
#include "types.h"
#include "spinlock.h"
#include "proc.h"
#include "memlayout.h"

#define PIPE_PAGES 4
#define PIPE_SIZE (PIPE_PAGES * PAGE_SIZE)

struct pipe {
	struct spinlock lock;       /* guards everything below */
	uint8 *page[PIPE_PAGES];    /* the buffer, a ring over these pages */
	uint64 nread, nwrite;       /* free-running byte counts */
	int readers, writers;       /* open ends */
	struct waitq rwait, wwait;  /* threads blocked reading / writing */
	struct list parked_reads;   /* async requests waiting for data */
	struct list parked_writes;  /* async requests waiting for room */
	bool in_use;
};

long pipe_copy_out(struct pipe *pi, struct proc *p, uint64 ubuf, uint64 n);
long pipe_copy_in(struct pipe *pi, struct proc *p, uint64 ubuf, uint64 n);
void pipe_after_read(struct pipe *pi);
void pipe_after_write(struct pipe *pi);
struct ring_ctx;
struct async_req;
void pipe_cancel_requests(struct ring_ctx *r, void (*unpark)(struct pipe *, struct async_req *));
