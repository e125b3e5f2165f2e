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
		while (lk->locked) {
			if (!t || ++spins < SPINS_BEFORE_HALT)
				continue;
			uint32 bit = 1u << t->cpu->hartid;
			__atomic_or_fetch(&lk->waiters, bit, __ATOMIC_SEQ_CST);
			if (lk->locked)
				wfi();   /* interrupts stay off: a kick or tick only wakes us */
			__atomic_and_fetch(&lk->waiters, ~bit, __ATOMIC_SEQ_CST);
			/* a kick has done its job: its IPI must not trap later as if
			 * it were news (every IPI here only asks for a re-check) */
			csr_clear(sip, SIP_SSIP);
			spins = 0;
		}
		if (!__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE))
			return;
	}
}

void spin_unlock_kick(struct spinlock *lk)
{
	uint32 mask = lk->waiters;
	if (!mask)
		return;
	struct thread *t = current();
	if (t)
		t->cpu->st.ipis_sent++;
	sbi_send_ipi(mask);
}
