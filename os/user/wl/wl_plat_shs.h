/*
 * wl_plat_shs.h - the shared scheduler (boot knob sched=shared,
 * uapi/shsched.h) as the workload core's executor uses it, inline: a push
 * and a pop are calls into the code page shared_attach() mapped, with no
 * system call. The core finds this header on its include path; a platform
 * without it has no shared scheduler.
 */
#ifndef WL_PLAT_SHS_H
#define WL_PLAT_SHS_H

#include "shsched.h"
#include "wl.h"

#define WL_PLAT_SHS 1
#define WL_SHS_TASK RF_SHS_POP_TASK

/* Joins the shared queue: 0 and *lane, or negative errno (-WL_ENOSYS
 * under sched=classic). */
static inline int wl_plat_shs_attach(unsigned *lane)
{
	int l = shared_attach();
	if (l < 0)
		return l;
	*lane = (unsigned)l;
	return 0;
}

/* A runnable task into this process's lane; -1 when the lane is full. */
static inline int wl_plat_shs_push(unsigned lane, struct wl_waiter *w)
{
	return shs_push(lane, (uint64_t)(uintptr_t)w, 0);
}

/* Whether this process's lane holds a runnable task (its own lane: plain
 * loads, no call). */
static inline bool wl_plat_shs_has_task(unsigned lane)
{
	const volatile struct rf_shs_lane *l = &SHS_AREA->lane[lane];
	for (unsigned p = 0; p < RF_SHS_PRIOS; p++)
		if (l->tail[p] != l->head[p])
			return true;
	return false;
}

/* WL_SHS_TASK with *w this process's next task, anything else when its
 * lane has none (the lane only: the cross-space pick is the kernel's, at
 * wl_plat_ring_idle's yield). */
static inline int wl_plat_shs_pop(unsigned lane, struct wl_waiter **w)
{
	uint64_t h = 0;
	int r = shs_pop(lane, RF_SHS_OWN_ONLY, &h);
	*w = (struct wl_waiter *)(uintptr_t)h;
	return r;
}

/* The executor has nothing to run: submit what is queued, let the kernel
 * switch straight to another address space's executor if its task is
 * next, and wait on the ring only when neither that nor a completion of
 * ours came of it. Returns the completions ready (0 after a switch that
 * brought none back) or negative errno. */
int wl_plat_ring_idle(void);

#endif /* WL_PLAT_SHS_H */
