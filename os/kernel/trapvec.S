/*
 * Trap entry and exit. While a thread runs in U-mode, sscratch holds its
 * struct thread pointer; in S-mode sscratch is 0 and tp holds the current
 * thread. One csrrw tells the two cases apart and gives the kernel its tp.
 * From U-mode every register is saved (the full context save: no fast path
 * yet) in a trapframe at the top of the thread's kernel stack.
 */
#define TH_KSTACK 0
#define TH_USP    8
#define TF_SIZE   256
#define KF_SIZE   144
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
	sd ra, 0(sp)
	sd gp, 16(sp)
	sd t0, 32(sp)
	sd t1, 40(sp)
	sd t2, 48(sp)
	sd s0, 56(sp)
	sd s1, 64(sp)
	sd a0, 72(sp)
	sd a1, 80(sp)
	sd a2, 88(sp)
	sd a3, 96(sp)
	sd a4, 104(sp)
	sd a5, 112(sp)
	sd a6, 120(sp)
	sd a7, 128(sp)
	sd s2, 136(sp)
	sd s3, 144(sp)
	sd s4, 152(sp)
	sd s5, 160(sp)
	sd s6, 168(sp)
	sd s7, 176(sp)
	sd s8, 184(sp)
	sd s9, 192(sp)
	sd s10, 200(sp)
	sd s11, 208(sp)
	sd t3, 216(sp)
	sd t4, 224(sp)
	sd t5, 232(sp)
	sd t6, 240(sp)
	ld t0, TH_USP(tp)
	sd t0, 8(sp)
	csrr t0, sscratch
	sd t0, 24(sp)
	csrr t0, sepc
	sd t0, 248(sp)
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
	ld t0, 248(sp)
	csrw sepc, t0
	ld ra, 0(sp)
	ld gp, 16(sp)
	ld tp, 24(sp)
	ld t0, 32(sp)
	ld t1, 40(sp)
	ld t2, 48(sp)
	ld s0, 56(sp)
	ld s1, 64(sp)
	ld a0, 72(sp)
	ld a1, 80(sp)
	ld a2, 88(sp)
	ld a3, 96(sp)
	ld a4, 104(sp)
	ld a5, 112(sp)
	ld a6, 120(sp)
	ld a7, 128(sp)
	ld s2, 136(sp)
	ld s3, 144(sp)
	ld s4, 152(sp)
	ld s5, 160(sp)
	ld s6, 168(sp)
	ld s7, 176(sp)
	ld s8, 184(sp)
	ld s9, 192(sp)
	ld s10, 200(sp)
	ld s11, 208(sp)
	ld t3, 216(sp)
	ld t4, 224(sp)
	ld t5, 232(sp)
	ld t6, 240(sp)
	ld sp, 8(sp)
	sret

/* A trap taken in S-mode: only caller-saved registers need saving. */
kernel_entry:
	csrrw tp, sscratch, tp      /* tp back, sscratch back to 0 */
	addi sp, sp, -KF_SIZE
	sd ra, 0(sp)
	sd t0, 8(sp)
	sd t1, 16(sp)
	sd t2, 24(sp)
	sd t3, 32(sp)
	sd t4, 40(sp)
	sd t5, 48(sp)
	sd t6, 56(sp)
	sd a0, 64(sp)
	sd a1, 72(sp)
	sd a2, 80(sp)
	sd a3, 88(sp)
	sd a4, 96(sp)
	sd a5, 104(sp)
	sd a6, 112(sp)
	sd a7, 120(sp)
	csrr t0, sepc
	sd t0, 128(sp)
	csrr t0, sstatus
	sd t0, 136(sp)
	mv a0, sp
	call kernel_trap
	ld t0, 128(sp)
	csrw sepc, t0
	ld t0, 136(sp)
	csrw sstatus, t0
	ld ra, 0(sp)
	ld t0, 8(sp)
	ld t1, 16(sp)
	ld t2, 24(sp)
	ld t3, 32(sp)
	ld t4, 40(sp)
	ld t5, 48(sp)
	ld t6, 56(sp)
	ld a0, 64(sp)
	ld a1, 72(sp)
	ld a2, 80(sp)
	ld a3, 88(sp)
	ld a4, 96(sp)
	ld a5, 104(sp)
	ld a6, 112(sp)
	ld a7, 120(sp)
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
