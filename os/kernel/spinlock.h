#pragma once
#include "types.h"

/*
 * The kernel runs with interrupts disabled (they are taken only in user mode
 * and in the idle loop), so a spinlock needs no interrupt bookkeeping.
 *
 * A waiter that spins for long halts its hart (wfi) and the holder kicks it
 * with an IPI on release, as paravirtual spinlocks do in a VM. Under QEMU
 * -icount the harts take turns, so a holder whose turn ended would otherwise
 * be waited for through a whole time slice of spinning. One word holds both:
 * bit 0 is the lock, bit 1 + h says hart h is halted waiting, so release is
 * a single swap that also tells whom to kick.
 */
struct spinlock {
	volatile uint32 word;
	const char *name;
};

#define SPINLOCK_INIT(n) { 0, n }
#define SPIN_HELD 1u

void spin_lock_slow(struct spinlock *lk);
void spin_unlock_kick(uint32 halted);

static inline void spin_lock(struct spinlock *lk)
{
	if (__atomic_fetch_or(&lk->word, SPIN_HELD, __ATOMIC_ACQUIRE) & SPIN_HELD)
		spin_lock_slow(lk);
}

static inline void spin_unlock(struct spinlock *lk)
{
	uint32 old;
	/* a release AMO: the critical section's accesses before the store */
	asm volatile("amoswap.w.rl %0, zero, (%1)" : "=r"(old) : "r"(&lk->word) : "memory");
	if (old & ~SPIN_HELD)
		spin_unlock_kick(old >> 1);
}

static inline void spin_init(struct spinlock *lk, const char *name)
{
	lk->word = 0;
	lk->name = name;
}
