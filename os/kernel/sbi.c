/*
 * Calls into the SBI firmware (OpenSBI): each one is an S->M privilege switch,
 * so each is counted.
 */
#include "defs.h"
#include "proc.h"
#include "riscv.h"
#include "memlayout.h"

#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_IPI  0x735049
#define SBI_EXT_HSM  0x48534D
#define SBI_EXT_SRST 0x53525354

struct sbiret { long error, value; };

static struct sbiret sbi_call(uint64 ext, uint64 fid, uint64 a0, uint64 a1, uint64 a2)
{
	register uint64 r0 asm("a0") = a0;
	register uint64 r1 asm("a1") = a1;
	register uint64 r2 asm("a2") = a2;
	register uint64 r6 asm("a6") = fid;
	register uint64 r7 asm("a7") = ext;
	struct thread *t = current();
	if (t)
		t->cpu->st.sbi_calls++;
	asm volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
	return (struct sbiret){ (long)r0, (long)r1 };
}

void sbi_set_timer(uint64 stime) { sbi_call(SBI_EXT_TIME, 0, stime, 0, 0); }

void sbi_send_ipi(uint64 hart_mask) { sbi_call(SBI_EXT_IPI, 0, hart_mask, 0, 0); }

long sbi_hart_start(uint64 hartid, uint64 start_pa, uint64 opaque)
{
	return sbi_call(SBI_EXT_HSM, 0, hartid, start_pa, opaque).error;
}

/*
 * SBI system reset can only say "failure", not which status, so for a
 * non-zero status refos first tells QEMU virt's test finisher the code
 * (QEMU then exits with it); on a real board that device is absent and
 * the SBI call below does the power-off.
 */
void sbi_shutdown(int status)
{
	if (status != 0) {
		volatile uint32 *finisher = PA2KVA(0x100000);
		*finisher = ((uint32)(status & 0xff) << 16) | 0x3333;
	}
	int failure = status != 0;
	/* reset type 0: shutdown; reason 1: system failure */
	sbi_call(SBI_EXT_SRST, 0, 0, failure ? 1 : 0, 0);
	for (;;)
		wfi();
}
