/*
 * Trap entry and exit. While a thread runs in U-mode, sscratch holds its
 * struct thread pointer; in S-mode sscratch is 0 and tp holds the current
 * thread. One csrrw tells the two cases apart and gives the kernel its tp.
 * From U-mode every register is saved (the full context save: no fast path
 * yet) in a trapframe at the top of the thread's kernel stack.
 */
#include "offsets.h"

#define SPP  (1 << 8)
#define SPIE (1 << 5)

	.text
	.globl trap_entry
	.align 4
trap_entry:
	csrrw tp, sscratch, tp
	beqz tp, kernel_entry
	sd sp, TH_USP(tp)
	ld sp, TH_KSTACK(tp)
	addi sp, sp, -TF_SIZE
	sd ra, TF_RA(sp)
	sd gp, TF_GP(sp)
	sd t0, TF_T0(sp)
	sd t1, TF_T1(sp)
	sd t2, TF_T2(sp)
	sd s0, TF_S0(sp)
	sd s1, TF_S1(sp)
	sd a0, TF_A0(sp)
	sd a1, TF_A1(sp)
	sd a2, TF_A2(sp)
	sd a3, TF_A3(sp)
	sd a4, TF_A4(sp)
	sd a5, TF_A5(sp)
	sd a6, TF_A6(sp)
	sd a7, TF_A7(sp)
	sd s2, TF_S2(sp)
	sd s3, TF_S3(sp)
	sd s4, TF_S4(sp)
	sd s5, TF_S5(sp)
	sd s6, TF_S6(sp)
	sd s7, TF_S7(sp)
	sd s8, TF_S8(sp)
	sd s9, TF_S9(sp)
	sd s10, TF_S10(sp)
	sd s11, TF_S11(sp)
	sd t3, TF_T3(sp)
	sd t4, TF_T4(sp)
	sd t5, TF_T5(sp)
	sd t6, TF_T6(sp)
	ld t0, TH_USP(tp)
	sd t0, TF_SP(sp)
	csrr t0, sscratch
	sd t0, TF_TP(sp)
	csrr t0, sepc
	sd t0, TF_EPC(sp)
	csrw sscratch, zero
	mv a0, sp
	call user_trap
	/* fall through: back to U-mode */

/* Return to U-mode from the trapframe at sp; tp is the current thread. */
	.globl user_ret
user_ret:
	csrw sscratch, tp
	li t0, SPP
	csrc sstatus, t0
	li t0, SPIE
	csrs sstatus, t0
	ld t0, TF_EPC(sp)
	csrw sepc, t0
	ld ra, TF_RA(sp)
	ld gp, TF_GP(sp)
	ld tp, TF_TP(sp)
	ld t0, TF_T0(sp)
	ld t1, TF_T1(sp)
	ld t2, TF_T2(sp)
	ld s0, TF_S0(sp)
	ld s1, TF_S1(sp)
	ld a0, TF_A0(sp)
	ld a1, TF_A1(sp)
	ld a2, TF_A2(sp)
	ld a3, TF_A3(sp)
	ld a4, TF_A4(sp)
	ld a5, TF_A5(sp)
	ld a6, TF_A6(sp)
	ld a7, TF_A7(sp)
	ld s2, TF_S2(sp)
	ld s3, TF_S3(sp)
	ld s4, TF_S4(sp)
	ld s5, TF_S5(sp)
	ld s6, TF_S6(sp)
	ld s7, TF_S7(sp)
	ld s8, TF_S8(sp)
	ld s9, TF_S9(sp)
	ld s10, TF_S10(sp)
	ld s11, TF_S11(sp)
	ld t3, TF_T3(sp)
	ld t4, TF_T4(sp)
	ld t5, TF_T5(sp)
	ld t6, TF_T6(sp)
	ld sp, TF_SP(sp)
	sret

/* A trap taken in S-mode: only caller-saved registers need saving. */
kernel_entry:
	csrrw tp, sscratch, tp      /* tp back, sscratch back to 0 */
	addi sp, sp, -KF_SIZE
	sd ra, KF_RA(sp)
	sd t0, KF_T0(sp)
	sd t1, KF_T1(sp)
	sd t2, KF_T2(sp)
	sd t3, KF_T3(sp)
	sd t4, KF_T4(sp)
	sd t5, KF_T5(sp)
	sd t6, KF_T6(sp)
	sd a0, KF_A0(sp)
	sd a1, KF_A1(sp)
	sd a2, KF_A2(sp)
	sd a3, KF_A3(sp)
	sd a4, KF_A4(sp)
	sd a5, KF_A5(sp)
	sd a6, KF_A6(sp)
	sd a7, KF_A7(sp)
	csrr t0, sepc
	sd t0, KF_EPC(sp)
	csrr t0, sstatus
	sd t0, KF_SSTATUS(sp)
	mv a0, sp
	call kernel_trap
	ld t0, KF_EPC(sp)
	csrw sepc, t0
	ld t0, KF_SSTATUS(sp)
	csrw sstatus, t0
	ld ra, KF_RA(sp)
	ld t0, KF_T0(sp)
	ld t1, KF_T1(sp)
	ld t2, KF_T2(sp)
	ld t3, KF_T3(sp)
	ld t4, KF_T4(sp)
	ld t5, KF_T5(sp)
	ld t6, KF_T6(sp)
	ld a0, KF_A0(sp)
	ld a1, KF_A1(sp)
	ld a2, KF_A2(sp)
	ld a3, KF_A3(sp)
	ld a4, KF_A4(sp)
	ld a5, KF_A5(sp)
	ld a6, KF_A6(sp)
	ld a7, KF_A7(sp)
	addi sp, sp, KF_SIZE
	sret

/* First run of a new user thread: ctx.sp points at its trapframe. */
	.globl thread_first_user
thread_first_user:
	call sched_finish_switch
	j user_ret

/* First run of a kernel thread: its body and argument are in the thread. */
	.globl thread_first_kernel
thread_first_kernel:
	call sched_finish_switch
	call kthread_body
1:	j 1b
