/* start.S - entry of the bare-metal coroutine test: OpenSBI enters here in
 * S-mode at 0x80200000. Set a stack, clear .bss, enable the FPU, run main. */
	.section .text.entry, "ax"
	.globl	_start
_start:
	la	sp, stack_top
	la	t0, bss_start
	la	t1, bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	la	t0, trap		/* any trap is a failure: power off at once */
	csrw	stvec, t0
#if defined(__riscv_flen)
	li	t0, 0x2000		/* sstatus.FS = Initial: FP instructions allowed */
	csrs	sstatus, t0
#endif
	call	main
3:	wfi
	j	3b

	.align	2
trap:
	li	t0, 0x100000		/* sifive_test device */
	li	t1, 0x23333		/* fail, exit status 2 */
	sw	t1, 0(t0)
4:	j	4b

	.section .note.GNU-stack, "", @progbits
