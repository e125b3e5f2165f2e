/*
 * Trap handling in C. user_trap() is the syscall path, so it is kept short:
 * the counters are plain per-hart increments, dispatch is one table load.
 */
#include "defs.h"
#include "proc.h"
#include "riscv.h"
#include "syscall.h"
#include "ring.h"
#include "offsets.h"

struct kframe {
	uint64 ra, t0, t1, t2, t3, t4, t5, t6, a0, a1, a2, a3, a4, a5, a6, a7;
	uint64 epc, sstatus;
};

/* offsets.h is what trapvec.S and swtch.S see of these structs. */
#define AT(type, field, off) \
	_Static_assert(offsetof(struct type, field) == (off), "offsets.h: " #type "." #field)
AT(thread, kstack_top, TH_KSTACK); AT(thread, usp_scratch, TH_USP); AT(thread, cpu, TH_CPU);
AT(thread, proc, TH_PROC); AT(thread, uintr_pending, TH_UINTR_PENDING);
AT(proc, exiting, PROC_EXITING); AT(cpu, st.u_traps, CPU_U_TRAPS); AT(cpu, st.ecalls, CPU_ECALLS);
_Static_assert(sizeof(((struct thread *)0)->uintr_pending) == 1 &&
	       sizeof(((struct proc *)0)->exiting) == 1, "offsets.h: the fast path loads bytes");
AT(trapframe, ra, TF_RA); AT(trapframe, sp, TF_SP); AT(trapframe, gp, TF_GP); AT(trapframe, tp, TF_TP);
AT(trapframe, t0, TF_T0); AT(trapframe, t1, TF_T1); AT(trapframe, t2, TF_T2); AT(trapframe, s0, TF_S0);
AT(trapframe, s1, TF_S1); AT(trapframe, a0, TF_A0); AT(trapframe, a1, TF_A1); AT(trapframe, a2, TF_A2);
AT(trapframe, a3, TF_A3); AT(trapframe, a4, TF_A4); AT(trapframe, a5, TF_A5); AT(trapframe, a6, TF_A6);
AT(trapframe, a7, TF_A7); AT(trapframe, s2, TF_S2); AT(trapframe, s3, TF_S3); AT(trapframe, s4, TF_S4);
AT(trapframe, s5, TF_S5); AT(trapframe, s6, TF_S6); AT(trapframe, s7, TF_S7); AT(trapframe, s8, TF_S8);
AT(trapframe, s9, TF_S9); AT(trapframe, s10, TF_S10); AT(trapframe, s11, TF_S11); AT(trapframe, t3, TF_T3);
AT(trapframe, t4, TF_T4); AT(trapframe, t5, TF_T5); AT(trapframe, t6, TF_T6); AT(trapframe, epc, TF_EPC);
_Static_assert(sizeof(struct trapframe) == TF_SIZE && TF_SIZE % 16 == 0, "offsets.h: TF_SIZE");
AT(kframe, ra, KF_RA); AT(kframe, t0, KF_T0); AT(kframe, t1, KF_T1); AT(kframe, t2, KF_T2);
AT(kframe, t3, KF_T3); AT(kframe, t4, KF_T4); AT(kframe, t5, KF_T5); AT(kframe, t6, KF_T6);
AT(kframe, a0, KF_A0); AT(kframe, a1, KF_A1); AT(kframe, a2, KF_A2); AT(kframe, a3, KF_A3);
AT(kframe, a4, KF_A4); AT(kframe, a5, KF_A5); AT(kframe, a6, KF_A6); AT(kframe, a7, KF_A7);
AT(kframe, epc, KF_EPC); AT(kframe, sstatus, KF_SSTATUS);
_Static_assert(sizeof(struct kframe) == KF_SIZE && KF_SIZE % 16 == 0, "offsets.h: KF_SIZE");
AT(context, ra, CX_RA); AT(context, sp, CX_SP); AT(context, s[0], CX_S0); AT(context, s[1], CX_S1);
AT(context, s[2], CX_S2); AT(context, s[3], CX_S3); AT(context, s[4], CX_S4); AT(context, s[5], CX_S5);
AT(context, s[6], CX_S6); AT(context, s[7], CX_S7); AT(context, s[8], CX_S8); AT(context, s[9], CX_S9);
AT(context, s[10], CX_S10); AT(context, s[11], CX_S11);
_Static_assert(sizeof(struct context) == CX_SIZE, "offsets.h: CX_SIZE");
#undef AT

/* Two vectors, so the default path has no fast-path test in it; fastpath=1
 * (boot.c) picks trap_entry_fast before any hart installs it. */
char *trap_vector = trap_entry;

void trap_init_hart(void)
{
	csr_write(stvec, (uint64)trap_vector);
	csr_write(sie, SIE_SSIE | SIE_STIE);
}

/* Ticks fall on one grid, multiples of the period since time 0, on every
 * hart: where they fall does not depend on how long a hart took to boot,
 * and a workload can open its measured region at a known phase of it. */
static uint64 next_grid_tick(uint64 now, uint64 period) { return (now / period + 1) * period; }

void timer_arm(void)
{
	struct cpu *c = mycpu();
	if (boot_hz <= 0 || c->hartid == sched_reserved_hart)
		return;
	c->next_timer = next_grid_tick(rdtime(), RF_TIMEBASE_HZ / boot_hz);
	sbi_set_timer(c->next_timer);
}

/* A deadline that does not come: not ~0, QEMU converts the distance to ns
 * and ~0 overflows. */
uint64 timer_parked(void) { return rdtime() + 100 * RF_TIMEBASE_HZ; }

static void timer_tick(struct cpu *c)
{
	c->st.timer_irqs++;
	if (c->hartid == sched_reserved_hart || boot_hz <= 0) {
		/* the poller's wake-up call, or no tick: push it far out */
		sbi_set_timer(timer_parked());
		return;
	}
	uint64 period = RF_TIMEBASE_HZ / boot_hz, now = rdtime();
	c->next_timer += period;
	if (c->next_timer <= now)   /* missed ticks are not replayed */
		c->next_timer = next_grid_tick(now, period);
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
		ipi_take(c);
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
			sched_timeout();
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
		uintr_deliver(t, tf, cause == EXC_ECALL_U && !t->uintr_restored);
	t->uintr_restored = false;   /* it described this trap's frame only */
}

/* The end of user_trap for a fast call (trapvec.S) whose frame is now whole. */
void user_syscall_exit(struct trapframe *tf)
{
	struct thread *t = current();
	if (t->proc->exiting)
		thread_exit_user(0);
	if (t->uintr_pending)
		uintr_deliver(t, tf, true);   /* never uintr_return's trap: that call is not fast */
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
