/*
 * User-interrupt emulation. QEMU has no user-interrupt hardware, so the
 * kernel diverts a thread to its registered handler on its next return to
 * U-mode (ring_notify marks it pending, and sends an IPI when the thread
 * runs on another hart). Every trap only the emulation causes is counted
 * apart (uintr_returns, uintr_ipis).
 */
#include "defs.h"
#include "proc.h"

#define ARG(tf, i) ((&(tf)->a0)[i])

long sys_uintr_register(struct trapframe *tf)
{
	uint64 from_sys = ARG(tf, 0), from_intr = ARG(tf, 1);
	struct thread *t = current();
	if (!from_sys || !from_intr || !user_range_ok(from_sys, 4) || !user_range_ok(from_intr, 4))
		return -RF_EFAULT;
	if ((from_sys | from_intr) & 1)
		return -RF_EINVAL;   /* no instruction starts there (compressed ones are 2-aligned) */
	t->uintr_sys = from_sys;
	t->uintr_intr = from_intr;
	return 0;
}

/* Ends a handler entered from an interrupt: every register comes back. */
long sys_uintr_return(struct trapframe *tf)
{
	struct thread *t = current();
	if (!t->uintr_active)
		return -RF_EINVAL;
	t->cpu->st.uintr_returns++;
	*tf = t->uintr_saved;
	t->uintr_active = false;
	t->uintr_restored = true;
	return (long)tf->a0;   /* the dispatcher stores this into a0: keep it */
}

/*
 * On the way back to U-mode with a user interrupt pending. After a system
 * call the caller-saved registers are free (see the ABI in refos.h), so the
 * handler is entered with t0 = where to resume, at no extra trap. After an
 * interrupt, or after uintr_return (its frame is the interrupted one), the
 * whole frame is kept here and uintr_return brings it back.
 */
void uintr_deliver(struct thread *t, struct trapframe *tf, bool after_syscall)
{
	if (!t->uintr_sys) {
		t->uintr_pending = false;   /* no handler: completions wait in the CQ */
		return;
	}
	if (after_syscall) {
		t->uintr_pending = false;
		tf->t0 = tf->epc;
		tf->epc = t->uintr_sys;
	} else if (!t->uintr_active) {
		t->uintr_pending = false;
		t->uintr_saved = *tf;
		t->uintr_active = true;
		tf->epc = t->uintr_intr;
	} else {
		return;   /* inside a handler already: deliver after it returns */
	}
	t->cpu->st.uintr_delivered++;
}
