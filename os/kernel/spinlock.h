#pragma once
#include "types.h"

/*
 * The kernel runs with interrupts disabled (they are taken only in user mode
 * and in the idle loop), so a spinlock needs no interrupt bookkeeping.
 */
struct spinlock {
	volatile uint32 locked;
	int hart;            /* holder, for debugging */
	const char *name;
};

#define SPINLOCK_INIT(n) { 0, -1, n }

static inline void spin_lock(struct spinlock *lk)
{
	while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE))
		while (lk->locked)
			;
}

static inline void spin_unlock(struct spinlock *lk)
{
	__atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
}

static inline void spin_init(struct spinlock *lk, const char *name)
{
	lk->locked = 0;
	lk->hart = -1;
	lk->name = name;
}
