/*
 * First instructions, on every hart. OpenSBI enters here in S-mode with the
 * MMU off: a0 = hartid, a1 = device tree (boot hart) or opaque (others).
 * The code is position independent up to the jump to the high half.
 */
#define SATP_SV39 (8 << 60)
#define BOOT_STACK_SHIFT 14

	.section .text.entry
	.globl _entry
_entry:
	/*
	 * The first hart here boots. A later one is a secondary all the same:
	 * OpenSBI 1.1 marks a hart started before it stores the start address,
	 * so a hart woken in between jumps to the boot entry, with the device
	 * tree's old address in a1 and the tree long since reused as free pages.
	 */
	la t0, boot_claimed
	li s0, 1
	amoswap.w s0, s0, (t0)   /* s0 = 0: boot hart */
	j 1f
	.globl _secondary_entry
_secondary_entry:
	li s0, 1
1:
	csrw sie, zero
	csrw sscratch, zero      /* marks "in kernel" for trap entry */
	la t0, boot_pagetable    /* pc-relative: the physical address here */
	srli t0, t0, 12
	li t1, SATP_SV39
	or t0, t0, t1
	sfence.vma
	csrw satp, t0
	sfence.vma
	ld t0, .Lhigh_addr       /* absolute: the linked (high) address */
	jr t0
.Lhigh:
	la sp, boot_stacks       /* now pc is high, so this is a kernel VA */
	addi t0, a0, 1
	slli t0, t0, BOOT_STACK_SHIFT
	add sp, sp, t0
	mv tp, zero
	mv a2, s0
	call kmain               /* kmain(hartid, dtb_pa, secondary) */
2:	wfi
	j 2b

	.align 3
.Lhigh_addr:
	.dword .Lhigh

/*
 * Gigapage mappings: identity for the jump above, and physical 0..4 GiB at
 * KERNBASE (root entries 256..259) for the kernel proper. G: global.
 */
	.section .data
	.align 2
boot_claimed:
	.word 0

	.section .data
	.align 12
	.globl boot_pagetable
boot_pagetable:
	.zero 2 * 8
	.dword (0x80000 << 10) | 0xcf            /* 2: VA 2G -> PA 2G, RWX */
	.zero (256 - 3) * 8
	.dword (0x00000 << 10) | 0xe7            /* 256: MMIO, RW, G */
	.dword (0x40000 << 10) | 0xe7            /* 257 */
	.dword (0x80000 << 10) | 0xef            /* 258: RAM, RWX, G */
	.dword (0xc0000 << 10) | 0xef            /* 259 */
	.zero (512 - 260) * 8

	.section .bss
	.align 12
	.globl boot_stacks
boot_stacks:
	.zero (8 + 1) << BOOT_STACK_SHIFT
