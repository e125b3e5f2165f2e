/*
 * steps_shs.c - a task's loop on the inline ring under the shared
 * scheduler (sched=shared): the steps of steps.h, each wait through the
 * shared queue (ring_io.h, shs_next).
 */
#define WL_STEPS_SHS
#include "steps.h"

int wl_task_loop_shs(struct wl_task *t)
{
	return task_loop(t, true);
}
