/*
 * The system-call ABI as refos.h states it: ra, sp, gp, tp and s0-s11 come
 * back as they were; t0-t6 and a1-a7 may change, but only to what they were
 * or to zero, so no kernel value reaches user mode (the fast path zeroes
 * them, the full path restores them).
 */
#include <stdbool.h>
#include <stdint.h>
#include "refos.h"
#include "ktest.h"
#include "tests.h"

/* What each register holds before the call: its number, marked. */
#define SENTINEL(n) (0x5eed0000u + (n))

/*
 * probe_syscall(nr, a0, out): sets every register but sp to SENTINEL(its
 * number), a7 to nr and a0 to a0, makes the call, and stores x1..x31 into
 * out[1..31] as the call left them (out[2] is sp).
 */
void probe_syscall(uint64_t nr, uint64_t a0, uint64_t out[32]);
__asm__(
	".globl probe_syscall\n"
	"probe_syscall:\n"
	"	addi sp, sp, -384\n"            /* 32 results, then ra, gp, tp, s0-s11 */
	"	sd ra, 256(sp)\n"
	"	sd gp, 264(sp)\n"
	"	sd tp, 272(sp)\n"
	"	sd s0, 280(sp)\n"
	"	sd s1, 288(sp)\n"
	"	sd s2, 296(sp)\n"
	"	sd s3, 304(sp)\n"
	"	sd s4, 312(sp)\n"
	"	sd s5, 320(sp)\n"
	"	sd s6, 328(sp)\n"
	"	sd s7, 336(sp)\n"
	"	sd s8, 344(sp)\n"
	"	sd s9, 352(sp)\n"
	"	sd s10, 360(sp)\n"
	"	sd s11, 368(sp)\n"
	"	sd a2, 0(sp)\n"                 /* out, in x0's slot until the call returns */
	"	mv a7, a0\n"
	"	mv a0, a1\n"
	"	li ra, 0x5eed0001\n"
	"	li gp, 0x5eed0003\n"
	"	li tp, 0x5eed0004\n"
	"	li t0, 0x5eed0005\n"
	"	li t1, 0x5eed0006\n"
	"	li t2, 0x5eed0007\n"
	"	li s0, 0x5eed0008\n"
	"	li s1, 0x5eed0009\n"
	"	li a1, 0x5eed000b\n"
	"	li a2, 0x5eed000c\n"
	"	li a3, 0x5eed000d\n"
	"	li a4, 0x5eed000e\n"
	"	li a5, 0x5eed000f\n"
	"	li a6, 0x5eed0010\n"
	"	li s2, 0x5eed0012\n"
	"	li s3, 0x5eed0013\n"
	"	li s4, 0x5eed0014\n"
	"	li s5, 0x5eed0015\n"
	"	li s6, 0x5eed0016\n"
	"	li s7, 0x5eed0017\n"
	"	li s8, 0x5eed0018\n"
	"	li s9, 0x5eed0019\n"
	"	li s10, 0x5eed001a\n"
	"	li s11, 0x5eed001b\n"
	"	li t3, 0x5eed001c\n"
	"	li t4, 0x5eed001d\n"
	"	li t5, 0x5eed001e\n"
	"	li t6, 0x5eed001f\n"
	"	ecall\n"
	"	sd x1, 8(sp)\n"
	"	sd x3, 24(sp)\n"
	"	sd x4, 32(sp)\n"
	"	sd x5, 40(sp)\n"
	"	sd x6, 48(sp)\n"
	"	sd x7, 56(sp)\n"
	"	sd x8, 64(sp)\n"
	"	sd x9, 72(sp)\n"
	"	sd x10, 80(sp)\n"
	"	sd x11, 88(sp)\n"
	"	sd x12, 96(sp)\n"
	"	sd x13, 104(sp)\n"
	"	sd x14, 112(sp)\n"
	"	sd x15, 120(sp)\n"
	"	sd x16, 128(sp)\n"
	"	sd x17, 136(sp)\n"
	"	sd x18, 144(sp)\n"
	"	sd x19, 152(sp)\n"
	"	sd x20, 160(sp)\n"
	"	sd x21, 168(sp)\n"
	"	sd x22, 176(sp)\n"
	"	sd x23, 184(sp)\n"
	"	sd x24, 192(sp)\n"
	"	sd x25, 200(sp)\n"
	"	sd x26, 208(sp)\n"
	"	sd x27, 216(sp)\n"
	"	sd x28, 224(sp)\n"
	"	sd x29, 232(sp)\n"
	"	sd x30, 240(sp)\n"
	"	sd x31, 248(sp)\n"
	"	ld t0, 0(sp)\n"                 /* copy the 32 slots to out */
	"	sd zero, 0(sp)\n"
	"	mv t1, sp\n"
	"	addi t2, sp, 256\n"
	"1:	ld t3, 0(t1)\n"
	"	sd t3, 0(t0)\n"
	"	addi t1, t1, 8\n"
	"	addi t0, t0, 8\n"
	"	bne t1, t2, 1b\n"
	"	ld ra, 256(sp)\n"
	"	ld gp, 264(sp)\n"
	"	ld tp, 272(sp)\n"
	"	ld s0, 280(sp)\n"
	"	ld s1, 288(sp)\n"
	"	ld s2, 296(sp)\n"
	"	ld s3, 304(sp)\n"
	"	ld s4, 312(sp)\n"
	"	ld s5, 320(sp)\n"
	"	ld s6, 328(sp)\n"
	"	ld s7, 336(sp)\n"
	"	ld s8, 344(sp)\n"
	"	ld s9, 352(sp)\n"
	"	ld s10, 360(sp)\n"
	"	ld s11, 368(sp)\n"
	"	addi sp, sp, 384\n"
	"	ret\n");

static bool callee_saved(int n) { return n == 1 || n == 3 || n == 4 || n == 8 || n == 9 || (n >= 18 && n <= 27); }

/* One call, checked register by register; res is what a0 must hold. */
static int check_call(uint64_t nr, uint64_t a0, long res)
{
	uint64_t r[32];
	probe_syscall(nr, a0, r);
	CHECK_EQ(r[10], res);
	for (int n = 1; n < 32; n++) {
		uint64_t before = n == 17 ? nr : SENTINEL(n);
		if (n == 2 || n == 10)
			continue;
		if (callee_saved(n) && r[n] != before) {
			printf("# x%d is %lx after syscall %lu, was %lx\n", n, (unsigned long)r[n],
			       (unsigned long)nr, (unsigned long)before);
			return 1;
		}
		if (!callee_saved(n) && r[n] != before && r[n] != 0) {
			printf("# x%d leaks %lx from syscall %lu\n", n, (unsigned long)r[n], (unsigned long)nr);
			return 1;
		}
	}
	return 0;
}

/* Fast calls (syscalls.tbl), a call on the full path, and an unknown one. */
int t_syscall_registers(void)
{
	int pid = getpid(), tid = gettid(), harts = nharts();
	CHECK_EQ(check_call(SYS_getpid, 0, pid), 0);
	CHECK_EQ(check_call(SYS_gettid, 0, tid), 0);
	CHECK_EQ(check_call(SYS_nharts, 0, harts), 0);
	CHECK_EQ(check_call(SYS_close, 1000, -RF_EBADF), 0);
	CHECK_EQ(check_call(SYS_yield, 0, 0), 0);
	CHECK_EQ(check_call(SYS_MAX + 1, 0, -RF_ENOSYS), 0);
	return 0;
}
