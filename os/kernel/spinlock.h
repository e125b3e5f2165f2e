#pragma once
#include "types.h"

/*
 * The kernel runs with interrupts disabled (they are taken only in user mode
 * and in the idle loop), so a spinlock needs no interrupt bookkeeping.
 *
 * A waiter that spins for long halts its hart (wfi) and the holder kicks it
 * with an IPI on release, as paravirtual spinlocks do in a VM. Under QEMU
 * -icount the harts take turns, so a holder whose turn ended would otherwise
 * be waited for through a whole time slice of spinning.
 */
struct spinlock {
	volatile uint32 locked;
	volatile uint32 waiters;   /* harts halted waiting for it, one bit each */
	const char *name;
};

#define SPINLOCK_INIT(n) { 0, 0, n }

void spin_lock_slow(struct spinlock *lk);
void spin_unlock_kick(struct spinlock *lk);

static inline void spin_lock(struct spinlock *lk)
{
	if (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE))
		spin_lock_slow(lk);
}

static inline void spin_unlock(struct spinlock *lk)
{
	__atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
	/* the release store before the look at waiters (they set, then test) */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (lk->waiters)
		spin_unlock_kick(lk);
}

static inline void spin_init(struct spinlock *lk, const char *name)
{
	lk->locked = 0;
	lk->waiters = 0;
	lk->name = name;
}
