/* swtch(old, new): save callee-saved registers into old, load them from new.
 * tp changes with them: in the kernel tp is the current thread. */
#include "offsets.h"

	.text
	.globl swtch
swtch:
	sd ra, CX_RA(a0)
	sd sp, CX_SP(a0)
	sd s0, CX_S0(a0)
	sd s1, CX_S1(a0)
	sd s2, CX_S2(a0)
	sd s3, CX_S3(a0)
	sd s4, CX_S4(a0)
	sd s5, CX_S5(a0)
	sd s6, CX_S6(a0)
	sd s7, CX_S7(a0)
	sd s8, CX_S8(a0)
	sd s9, CX_S9(a0)
	sd s10, CX_S10(a0)
	sd s11, CX_S11(a0)
	ld ra, CX_RA(a1)
	ld sp, CX_SP(a1)
	ld s0, CX_S0(a1)
	ld s1, CX_S1(a1)
	ld s2, CX_S2(a1)
	ld s3, CX_S3(a1)
	ld s4, CX_S4(a1)
	ld s5, CX_S5(a1)
	ld s6, CX_S6(a1)
	ld s7, CX_S7(a1)
	ld s8, CX_S8(a1)
	ld s9, CX_S9(a1)
	ld s10, CX_S10(a1)
	ld s11, CX_S11(a1)
	mv tp, a2
	ret
