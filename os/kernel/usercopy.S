/*
 * The only code that touches user memory. sstatus.SUM is set just for the
 * copy; a fault inside [ucopy_start, ucopy_end) is redirected by the trap
 * handler to ucopy_fault, which returns -EFAULT. So a bad user pointer that
 * passed the range check (unmapped, read-only) costs an error, not a panic.
 */
#define SUM (1 << 18)
#define EFAULT 14

	.text
/* long __user_copy(void *dst, const void *src, unsigned long n) -> 0 | -EFAULT */
	.globl __user_copy
__user_copy:
	li t6, SUM
	csrs sstatus, t6
	.globl ucopy_start
ucopy_start:
	beqz a2, 9f
	xor t0, a0, a1
	andi t0, t0, 7
	bnez t0, 5f                 /* ends disagree on alignment: bytes */
1:	andi t0, a0, 7              /* bytes up to an 8-byte boundary */
	beqz t0, 2f
	lbu t1, 0(a1)
	sb t1, 0(a0)
	addi a0, a0, 1
	addi a1, a1, 1
	addi a2, a2, -1
	bnez a2, 1b
	j 9f
2:	li t5, 64
	bltu a2, t5, 4f
3:	ld t0, 0(a1)                /* 64 bytes a turn: 20 instructions */
	ld t1, 8(a1)
	ld t2, 16(a1)
	ld t3, 24(a1)
	ld t4, 32(a1)
	ld a3, 40(a1)
	ld a4, 48(a1)
	ld a5, 56(a1)
	sd t0, 0(a0)
	sd t1, 8(a0)
	sd t2, 16(a0)
	sd t3, 24(a0)
	sd t4, 32(a0)
	sd a3, 40(a0)
	sd a4, 48(a0)
	sd a5, 56(a0)
	addi a2, a2, -64
	addi a0, a0, 64
	addi a1, a1, 64
	bgeu a2, t5, 3b
4:	li t5, 8
41:	bltu a2, t5, 5f
	ld t0, 0(a1)
	sd t0, 0(a0)
	addi a0, a0, 8
	addi a1, a1, 8
	addi a2, a2, -8
	j 41b
5:	beqz a2, 9f                 /* the tail, byte by byte */
	lbu t1, 0(a1)
	sb t1, 0(a0)
	addi a0, a0, 1
	addi a1, a1, 1
	addi a2, a2, -1
	j 5b
9:	csrc sstatus, t6
	li a0, 0
	ret

/* long __user_strncpy(char *dst, const char *usrc, unsigned long n)
 * -> length without the NUL, n if none was found, or -EFAULT */
	.globl __user_strncpy
__user_strncpy:
	li t6, SUM
	csrs sstatus, t6
	li t0, 0
1:	beq t0, a2, 2f
	add t1, a1, t0
	lbu t2, 0(t1)
	add t1, a0, t0
	sb t2, 0(t1)
	beqz t2, 2f
	addi t0, t0, 1
	j 1b
2:	csrc sstatus, t6
	mv a0, t0
	ret
	.globl ucopy_end
ucopy_end:

ucopy_fault:
	csrc sstatus, t6
	li a0, -EFAULT
	ret
	.globl ucopy_fault_addr
	.section .rodata
	.align 3
ucopy_fault_addr:
	.dword ucopy_fault
