/*
 * Entry stubs for emulated user interrupts.
 *
 * After a system call: the kernel set t0 to the resume address and left a0
 * (the call's result); the caller-saved registers are free by the syscall
 * ABI. The stub saves what it needs, runs the handler, and jumps back: no
 * trap on the way in or out.
 *
 * After an interrupt: the kernel kept the whole interrupted frame, so the
 * stub just runs the handler and asks for the frame back (uintr_return).
 * That return is a trap only the emulation costs (counted as uintr_returns).
 */
	.text
	.globl ring_uintr_entry_syscall
ring_uintr_entry_syscall:
	addi sp, sp, -32
	sd a0, 0(sp)
	sd t0, 8(sp)
	sd ra, 16(sp)
	call ring_uintr_dispatch
	ld a0, 0(sp)
	ld t0, 8(sp)
	ld ra, 16(sp)
	addi sp, sp, 32
	jr t0

	.globl ring_uintr_entry_interrupt
ring_uintr_entry_interrupt:
	addi sp, sp, -16
	call ring_uintr_dispatch
	call uintr_return
1:	j 1b
