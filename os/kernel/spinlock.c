/* The slow paths of spinlock.h: halting a long waiter, kicking it on release. */
#include "defs.h"
#include "proc.h"
#include "riscv.h"

#define SPINS_BEFORE_HALT 64

void spin_lock_slow(struct spinlock *lk)
{
	struct thread *t = current();
	int spins = 0;
	for (;;) {
		while (lk->word & SPIN_HELD) {
			if (!t || ++spins < SPINS_BEFORE_HALT)
				continue;
			uint32 bit = 2u << t->cpu->hartid;
			/* announce, then look again: a release after this sees the bit */
			if (__atomic_fetch_or(&lk->word, bit, __ATOMIC_SEQ_CST) & SPIN_HELD)
				wfi();   /* interrupts stay off: a kick or tick only wakes us */
			__atomic_fetch_and(&lk->word, ~bit, __ATOMIC_SEQ_CST);
			/* the IPI that woke us must not trap later as if it were
			 * news; a shootdown's work is done now (vm.c) */
			ipi_take(t->cpu);
			spins = 0;
		}
		if (!(__atomic_fetch_or(&lk->word, SPIN_HELD, __ATOMIC_ACQUIRE) & SPIN_HELD))
			return;
	}
}

void spin_unlock_kick(uint32 halted)
{
	if (halted)
		kick_harts(halted);
}
