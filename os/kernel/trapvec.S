/*
 * Trap entry and exit. While a thread runs in U-mode, sscratch holds its
 * struct thread pointer; in S-mode sscratch is 0 and tp holds the current
 * thread. One csrrw tells the two cases apart and gives the kernel its tp.
 * From U-mode every register is saved (the full context save) in a
 * trapframe at the top of the thread's kernel stack; with fastpath=1,
 * trap_entry_fast serves the calls syscalls.tbl marks fast with less.
 */
#include "offsets.h"
#include "riscv.h"
#include "syscall_fast.h"

/* The callee-saved registers s2-s11, which the full save and the fast
 * path's fall-back to it both store. */
.macro SAVE_S2_S11
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
.endm

	.text
	.globl trap_entry
	.align 4
trap_entry:
	csrrw tp, sscratch, tp
	beqz tp, kernel_entry
	sd sp, TH_USP(tp)
	ld sp, TH_KSTACK(tp)
	addi sp, sp, -TF_SIZE
	sd t0, TF_T0(sp)
trap_save_rest:               /* trap_entry_fast joins here, t0 saved */
	sd ra, TF_RA(sp)
	sd gp, TF_GP(sp)
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
	SAVE_S2_S11
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
	li t0, SSTATUS_SPP
	csrc sstatus, t0
	li t0, SSTATUS_SPIE
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

/*
 * The fast system-call path (fastpath=1, after the shared-scheduler kernel's:
 * its lab kernel saves 7 words instead of 33 when a7 and scause allow).
 * An ecall whose number syscalls.tbl marks fast saves only what the ABI
 * preserves and C code may clobber (ra, tp, sepc; sp stays in the thread)
 * and the arguments the handler reads from the frame (gensyscalls.sh lets
 * a fast call take 3 at most); s0-s11 and gp stay in their registers, kept
 * by the C calling convention even if the handler sleeps. On the way out the
 * registers the ABI lets a call clobber are zeroed, so no kernel value
 * reaches user mode. Anything else joins the full path with t0 saved, and a
 * fast call that must leave through the full frame (the process is exiting,
 * or a user interrupt is due) completes the frame first (fast_to_full).
 */
	.globl trap_entry_fast
	.align 4
trap_entry_fast:
	csrrw tp, sscratch, tp
	beqz tp, kernel_entry
	sd sp, TH_USP(tp)
	ld sp, TH_KSTACK(tp)
	addi sp, sp, -TF_SIZE
	sd t0, TF_T0(sp)
	csrr t0, scause
	addi t0, t0, -EXC_ECALL_U
	bnez t0, trap_save_rest
	sltiu t0, a7, 64
	beqz t0, trap_save_rest
	li t0, SYS_FAST_MASK
	srl t0, t0, a7
	andi t0, t0, 1
	beqz t0, trap_save_rest
	sd ra, TF_RA(sp)
	sd a0, TF_A0(sp)
	sd a1, TF_A1(sp)
	sd a2, TF_A2(sp)            /* fast calls take 3 arguments at most */
	csrr t0, sscratch
	sd t0, TF_TP(sp)
	csrw sscratch, zero
	csrr t0, sepc
	addi t0, t0, 4
	sd t0, TF_EPC(sp)
	ld t0, TH_CPU(tp)           /* the counters user_trap keeps */
	ld t1, CPU_U_TRAPS(t0)
	addi t1, t1, 1
	sd t1, CPU_U_TRAPS(t0)
	ld t1, CPU_ECALLS(t0)
	addi t1, t1, 1
	sd t1, CPU_ECALLS(t0)
	la t0, syscall_table        /* fast numbers all have a handler */
	slli t1, a7, 3
	add t0, t0, t1
	ld t0, 0(t0)
	mv a0, sp
	jalr t0
	ld t0, TH_PROC(tp)
	lbu t0, PROC_EXITING(t0)
	bnez t0, fast_to_full
	lbu t0, TH_UINTR_PENDING(tp)
	bnez t0, fast_to_full
	li t0, SSTATUS_SPP          /* back to U-mode with interrupts on, as user_ret */
	csrc sstatus, t0
	li t0, SSTATUS_SPIE
	csrs sstatus, t0
	ld t0, TF_EPC(sp)
	csrw sepc, t0
	csrw sscratch, tp
	ld ra, TF_RA(sp)
	ld t1, TF_TP(sp)
	ld sp, TH_USP(tp)           /* the user sp never left the thread */
	mv tp, t1
	li t0, 0
	li t1, 0
	li t2, 0
	li t3, 0
	li t4, 0
	li t5, 0
	li t6, 0
	li a1, 0
	li a2, 0
	li a3, 0
	li a4, 0
	li a5, 0
	li a6, 0
	li a7, 0
	sret

/* A fast call leaving through the full frame: what the fast entry did not
 * save is still in its registers, but for the ones a call may clobber,
 * which go back zeroed. */
fast_to_full:
	sd a0, TF_A0(sp)
	ld t0, TH_USP(tp)
	sd t0, TF_SP(sp)
	sd gp, TF_GP(sp)
	sd s0, TF_S0(sp)
	sd s1, TF_S1(sp)
	SAVE_S2_S11
	sd zero, TF_T0(sp)
	sd zero, TF_T1(sp)
	sd zero, TF_T2(sp)
	sd zero, TF_T3(sp)
	sd zero, TF_T4(sp)
	sd zero, TF_T5(sp)
	sd zero, TF_T6(sp)
	sd zero, TF_A1(sp)
	sd zero, TF_A2(sp)
	sd zero, TF_A3(sp)
	sd zero, TF_A4(sp)
	sd zero, TF_A5(sp)
	sd zero, TF_A6(sp)
	sd zero, TF_A7(sp)
	mv a0, sp
	call user_syscall_exit
	j user_ret

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
