/*
 * Address-space layout.
 *
 * Physical: OpenSBI at 0x80000000, refos loaded at 0x80200000, RAM up to the
 * size the device tree reports. MMIO below 0x80000000 (UART at 0x10000000).
 *
 * Virtual (Sv39): the kernel lives in the high half, where physical memory
 * 0..4 GiB is mapped linearly at KERNBASE with gigapages. Those few root
 * entries are copied into every process's page table, so traps never change
 * satp: a trap costs no address-space switch, only a process switch does.
 * User space is the low half, below USER_TOP.
 */
#pragma once

#define KERNBASE     0xffffffc000000000UL
#define PHYS_RAM     0x80000000UL
#define KERNEL_PHYS  0x80200000UL
#define UART0_PHYS   0x10000000UL

#define PA2KVA(pa) ((void *)((uint64)(pa) + KERNBASE))
#define KVA2PA(va) ((uint64)(va) - KERNBASE)

#define PAGE_SIZE  4096UL
#define PAGE_SHIFT 12
#define PG_ROUNDUP(a)   (((uint64)(a) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define PG_ROUNDDOWN(a) ((uint64)(a) & ~(PAGE_SIZE - 1))

/* User half: Sv39 gives 256 GiB; user addresses must stay below 2^38. */
#define USER_TOP     0x4000000000UL
#define USER_LOAD    0x10000UL        /* where programs are linked */
#define USER_RINGS   0x3000000000UL   /* shared ring pages */
#define USTACK_TOP   0x3fff000000UL   /* main thread's stack top */
#define USTACK_PAGES 8                /* 32 KiB per thread */
#define USTACK_SLOT  ((USTACK_PAGES + 1) * PAGE_SIZE) /* + a guard page */
