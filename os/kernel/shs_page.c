/*
 * The shared scheduler's code page (uapi/shsched.h): the kernel runs it at
 * its own address, every participant at RF_SHS_CODE, execute-only. So it
 * touches nothing but its arguments: no globals, no calls out of the page
 * (os.mk builds it without jump tables or library calls), and every loop
 * is bounded whatever the lanes hold, since the kernel runs it over lanes
 * that hostile processes write.
 */
#include "uapi/shsched.h"

#define SHS __attribute__((section(".shs_text"), used))
#define INLINE static inline __attribute__((always_inline))

/* Ready entries of one level; a lane whose indexes cannot be true counts
 * as empty. */
INLINE uint32_t ready(const volatile struct rf_shs_lane *l, unsigned prio)
{
	uint32_t n = l->tail[prio] - l->head[prio];
	return n <= RF_SHS_SLOTS ? n : 0;
}

SHS int shs_pick(const volatile struct rf_shs_area *a, unsigned self, unsigned flags)
{
	if (self >= RF_SHS_LANES)
		return -1;
	for (unsigned p = 0; p < RF_SHS_PRIOS; p++) {
		if (ready(&a->lane[self], p))
			return (int)self;
		if (flags & RF_SHS_OWN_ONLY)
			continue;
		for (unsigned k = 1; k < RF_SHS_LANES; k++) {
			unsigned i = (self + k) % RF_SHS_LANES;
			uint32_t f = a->hdr.lane[i].flags;
			if ((f & RF_SHS_LANE_ACTIVE) && !(f & RF_SHS_LANE_DEMOTED) &&
			    ready(&a->lane[i], p))
				return (int)i;
		}
	}
	return -1;
}

SHS int shs_pop(volatile struct rf_shs_area *a, unsigned self, unsigned flags, uint64_t *handle)
{
	for (;;) {
		int l = shs_pick(a, self, flags);
		if (l < 0)
			return RF_SHS_POP_EMPTY;
		if ((unsigned)l != self)
			return RF_SHS_POP_YIELD;
		volatile struct rf_shs_lane *me = &a->lane[self];
		for (unsigned p = 0; p < RF_SHS_PRIOS; p++) {
			if (!ready(me, p))
				continue;
			uint32_t h = me->head[p];
			volatile struct rf_shs_task *e = &me->slot[p][h % RF_SHS_SLOTS];
			me->head[p] = h + 1;
			/* an entry that is not what a push writes was scribbled: dropped */
			if (e->owner == self && e->prio == p && e->state == RF_SHS_READY) {
				e->state = RF_SHS_FREE;
				*handle = e->handle;
				return RF_SHS_POP_TASK;
			}
			break;
		}
	}
}

SHS int shs_push(volatile struct rf_shs_area *a, unsigned self, uint64_t handle, unsigned prio)
{
	if (self >= RF_SHS_LANES || prio >= RF_SHS_PRIOS)
		return -1;
	volatile struct rf_shs_lane *me = &a->lane[self];
	uint32_t t = me->tail[prio];
	if (t - me->head[prio] >= RF_SHS_SLOTS)
		return -1;
	volatile struct rf_shs_task *e = &me->slot[prio][t % RF_SHS_SLOTS];
	e->handle = handle;
	e->owner = self;
	e->prio = (uint8_t)prio;
	e->state = RF_SHS_READY;
	__atomic_thread_fence(__ATOMIC_RELEASE);   /* the entry before the index */
	me->tail[prio] = t + 1;
	return 0;
}
