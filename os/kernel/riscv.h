/* RISC-V privileged-architecture helpers: CSRs, bits and barriers. The
 * constants serve the assembly too (trapvec.S). */
#pragma once

#ifdef __ASSEMBLER__
#define BIT(n) (1 << (n))
#else
#define BIT(n) (1UL << (n))
#include "types.h"

#define csr_read(csr) ({ uint64 __v; asm volatile("csrr %0, " #csr : "=r"(__v)); __v; })
#define csr_write(csr, v) asm volatile("csrw " #csr ", %0" ::"rK"((uint64)(v)))
#define csr_set(csr, v) asm volatile("csrs " #csr ", %0" ::"rK"((uint64)(v)))
#define csr_clear(csr, v) asm volatile("csrc " #csr ", %0" ::"rK"((uint64)(v)))
#endif

#define SSTATUS_SIE  BIT(1)
#define SSTATUS_SPIE BIT(5)
#define SSTATUS_SPP  BIT(8)
#define SSTATUS_SUM  BIT(18)

#define SIE_SSIE     BIT(1)
#define SIE_STIE     BIT(5)
#define SIE_SEIE     BIT(9)
#define SIP_SSIP     BIT(1)

#define SCAUSE_INTR BIT(63)
#define IRQ_S_SOFT  1
#define IRQ_S_TIMER 5
#define IRQ_S_EXT   9
#define EXC_INST_MISALIGNED 0
#define EXC_INST_ACCESS     1
#define EXC_ILLEGAL         2
#define EXC_BREAKPOINT      3
#define EXC_LOAD_ACCESS     5
#define EXC_STORE_ACCESS    7
#define EXC_ECALL_U         8
#define EXC_INST_PAGE       12
#define EXC_LOAD_PAGE       13
#define EXC_STORE_PAGE      15

#define SATP_SV39 (8UL << 60)

#ifndef __ASSEMBLER__
static inline void intr_on(void) { csr_set(sstatus, SSTATUS_SIE); }
static inline void intr_off(void) { csr_clear(sstatus, SSTATUS_SIE); }
static inline void sfence_vma(void) { asm volatile("sfence.vma zero, zero" ::: "memory"); }
static inline void wfi(void) { asm volatile("wfi"); }
static inline uint64 rdtime(void) { return csr_read(time); }

/*
 * Sleeps until an interrupt is pending, then handles it. wfi runs with
 * interrupts disabled (it still wakes for any interrupt enabled in sie), so
 * one that arrives just before it is not taken early and then slept through.
 */
static inline void wait_for_interrupt(void)
{
	wfi();
	intr_on();
	intr_off();
}
#endif
