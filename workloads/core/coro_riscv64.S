/*
 * Coroutine switch for riscv64 (LP64 and LP64D ABIs). Saves ra, s0-s11 and,
 * with the D extension, fs0-fs11 on the current stack, stores sp in
 * from->sp, and resumes `to` the same way in reverse. wl_coro_init() in
 * coro.c builds a first frame of exactly this shape (WL_CORO_RV_FRAME).
 */
#if defined(__riscv_flen) && __riscv_flen == 64
#define FRAME 208	/* 13 integer + 12 double registers, 16-byte aligned */
#elif !defined(__riscv_flen)
#define FRAME 112	/* 13 integer registers, 16-byte aligned */
#else
#error "coro_riscv64.S: only soft-float and D-extension ABIs are supported"
#endif

	.text
	.globl	wl_coro_switch
	.type	wl_coro_switch, @function
wl_coro_switch:			/* a0 = from, a1 = to */
	addi	sp, sp, -FRAME
	sd	ra, 0(sp)
	sd	s0, 8(sp)
	sd	s1, 16(sp)
	sd	s2, 24(sp)
	sd	s3, 32(sp)
	sd	s4, 40(sp)
	sd	s5, 48(sp)
	sd	s6, 56(sp)
	sd	s7, 64(sp)
	sd	s8, 72(sp)
	sd	s9, 80(sp)
	sd	s10, 88(sp)
	sd	s11, 96(sp)
#if FRAME == 208
	fsd	fs0, 104(sp)
	fsd	fs1, 112(sp)
	fsd	fs2, 120(sp)
	fsd	fs3, 128(sp)
	fsd	fs4, 136(sp)
	fsd	fs5, 144(sp)
	fsd	fs6, 152(sp)
	fsd	fs7, 160(sp)
	fsd	fs8, 168(sp)
	fsd	fs9, 176(sp)
	fsd	fs10, 184(sp)
	fsd	fs11, 192(sp)
#endif
	sd	sp, 0(a0)
	ld	sp, 0(a1)
	ld	ra, 0(sp)
	ld	s0, 8(sp)
	ld	s1, 16(sp)
	ld	s2, 24(sp)
	ld	s3, 32(sp)
	ld	s4, 40(sp)
	ld	s5, 48(sp)
	ld	s6, 56(sp)
	ld	s7, 64(sp)
	ld	s8, 72(sp)
	ld	s9, 80(sp)
	ld	s10, 88(sp)
	ld	s11, 96(sp)
#if FRAME == 208
	fld	fs0, 104(sp)
	fld	fs1, 112(sp)
	fld	fs2, 120(sp)
	fld	fs3, 128(sp)
	fld	fs4, 136(sp)
	fld	fs5, 144(sp)
	fld	fs6, 152(sp)
	fld	fs7, 160(sp)
	fld	fs8, 168(sp)
	fld	fs9, 176(sp)
	fld	fs10, 184(sp)
	fld	fs11, 192(sp)
#endif
	addi	sp, sp, FRAME
	ret
	.size	wl_coro_switch, .-wl_coro_switch

/* First code a new coroutine runs: its first switch "returns" here with fn
 * in s0 and arg in s1. fn never returns. */
	.globl	wl_coro_trampoline
	.hidden	wl_coro_trampoline
	.type	wl_coro_trampoline, @function
wl_coro_trampoline:
	mv	a0, s1
	jalr	s0
	unimp
	.size	wl_coro_trampoline, .-wl_coro_trampoline

	.section .note.GNU-stack, "", @progbits
