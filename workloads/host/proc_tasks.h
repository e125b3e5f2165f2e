/* proc_tasks.h - this process's threads from /proc (see proc_tasks.c). */
#ifndef WL_PROC_TASKS_H
#define WL_PROC_TASKS_H

#include <time.h>

/* PF_IO_WORKER in include/linux/sched.h: io_uring's SQPOLL and io-wq
 * threads. Their comm is set only once they first run, so a name match
 * ("iou-sqp-") can miss a thread that was just created. */
#define PROC_PF_IO_WORKER 0x10ul

struct proc_task {
	int tid;
	int cpu;		/* CPU it last ran on */
	unsigned long flags;	/* PF_* */
};

/* Fills up to max entries; returns how many. */
int proc_tasks_scan(struct proc_task *out, int max);

/* An io_uring instance of this process, as its /proc fdinfo shows it: the
 * kernel's own positions in the rings (CachedSqHead: SQEs it has consumed;
 * CachedCqTail: CQEs it has posted), free-running 32-bit counters. */
struct proc_ring {
	int fd;
	unsigned sq_head, cq_tail;
};

/* Fills up to max entries with the process's io_uring descriptors;
 * returns how many. */
int proc_rings_scan(struct proc_ring *out, int max);

/* The CPU-time clock of thread tid of this process, for clock_gettime. */
clockid_t proc_task_cpu_clock(int tid);

#endif /* WL_PROC_TASKS_H */
