/*
 * Trap handling in C. user_trap() is the syscall path, so it is kept short:
 * the counters are plain per-hart increments, dispatch is one table load.
 */
#include "defs.h"
#include "proc.h"
#include "riscv.h"
#include "syscall.h"
#include "ring.h"

#define TIMEBASE_HZ 10000000UL   /* QEMU virt's time CSR */

struct kframe {
	uint64 ra, t0, t1, t2, t3, t4, t5, t6, a0, a1, a2, a3, a4, a5, a6, a7;
	uint64 epc, sstatus;
};

void trap_init_hart(void)
{
	csr_write(stvec, (uint64)trap_entry);
	csr_write(sie, SIE_SSIE | SIE_STIE);
}

void timer_arm(void)
{
	struct cpu *c = mycpu();
	if (boot_hz <= 0 || c->hartid == sched_reserved_hart)
		return;
	c->next_timer = rdtime() + TIMEBASE_HZ / boot_hz;
	sbi_set_timer(c->next_timer);
}

static void timer_tick(struct cpu *c)
{
	c->st.timer_irqs++;
	if (c->hartid == sched_reserved_hart || boot_hz <= 0) {
		/* the poller's wake-up call, or no tick: push it far out (not ~0: QEMU
		 * converts the distance to ns and ~0 overflows) */
		sbi_set_timer(rdtime() + 100 * TIMEBASE_HZ);
		return;
	}
	uint64 period = TIMEBASE_HZ / boot_hz, now = rdtime();
	c->next_timer += period;
	if (c->next_timer <= now)   /* missed ticks are not replayed */
		c->next_timer = now + period;
	sbi_set_timer(c->next_timer);
	ring_tick(c);
}

/* Returns true when the interrupt asks the running thread to give way. */
static bool handle_interrupt(struct cpu *c, uint64 irq)
{
	switch (irq) {
	case IRQ_S_TIMER:
		timer_tick(c);
		return true;
	case IRQ_S_SOFT:
		c->st.ipis++;
		csr_clear(sip, SIP_SSIP);
		return false;
	default:
		c->st.ext_irqs++;
		return false;
	}
}

void user_trap(struct trapframe *tf)
{
	struct thread *t = current();
	struct cpu *c = t->cpu;
	uint64 cause = csr_read(scause);
	c->st.u_traps++;
	if (cause == EXC_ECALL_U) {
		c->st.ecalls++;
		tf->epc += 4;
		uint64 n = tf->a7;
		tf->a0 = n <= SYS_MAX && syscall_table[n] ? syscall_table[n](tf) : -RF_ENOSYS;
	} else if (cause & SCAUSE_INTR) {
		if (handle_interrupt(c, cause & ~SCAUSE_INTR))
			sched_yield(true);
	} else {
		if (cause == EXC_LOAD_PAGE || cause == EXC_STORE_PAGE || cause == EXC_INST_PAGE)
			c->st.page_faults++;
		else
			c->st.other_traps++;
		user_fault(tf, cause, csr_read(stval));
	}
	if (t->proc->exiting)
		thread_exit_user(0);
	if (t->uintr_pending)
		uintr_deliver(t, tf, cause == EXC_ECALL_U);
}

void kernel_trap(struct kframe *f)
{
	struct thread *t = current();
	uint64 cause = csr_read(scause);
	if (t)
		t->cpu->st.s_traps++;
	if (cause & SCAUSE_INTR) {
		if (t)
			handle_interrupt(t->cpu, cause & ~SCAUSE_INTR);
		return;
	}
	if (usercopy_fixup(&f->epc))
		return;
	panic("kernel trap: scause %lu sepc %p stval %p", cause, (void *)f->epc,
	      (void *)csr_read(stval));
}
