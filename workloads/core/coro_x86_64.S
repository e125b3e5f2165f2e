/*
 * Coroutine switch for x86-64 (System V ABI). Saves what a callee must
 * preserve - rbx, rbp, r12-r15, the SSE control/status word and the x87
 * control word - on the current stack, stores the stack pointer in
 * from->sp, and resumes `to` the same way in reverse. wl_coro_init() in
 * coro.c builds a first frame of exactly this shape.
 */
	.text
	.globl	wl_coro_switch
	.type	wl_coro_switch, @function
wl_coro_switch:			/* rdi = from, rsi = to */
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp
	stmxcsr	(%rsp)
	fnstcw	4(%rsp)
	movq	%rsp, (%rdi)
	movq	(%rsi), %rsp
	ldmxcsr	(%rsp)
	fldcw	4(%rsp)
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.size	wl_coro_switch, .-wl_coro_switch

/* First code a new coroutine runs: its first switch "returns" here with
 * fn in r12 and arg in r13. fn never returns. */
	.globl	wl_coro_trampoline
	.hidden	wl_coro_trampoline
	.type	wl_coro_trampoline, @function
wl_coro_trampoline:
	movq	%r13, %rdi
	callq	*%r12
	ud2
	.size	wl_coro_trampoline, .-wl_coro_trampoline

	.section .note.GNU-stack, "", @progbits
