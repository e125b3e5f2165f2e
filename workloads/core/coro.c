/*
 * coro.c - first frames for the coroutine switch in coro_<arch>.S. A new
 * coroutine's stack is laid out exactly as wl_coro_switch leaves a suspended
 * one, with the return address pointing at wl_coro_trampoline and fn/arg in
 * callee-saved registers, so the first switch into it needs no special case.
 */
#include "wl_coro.h"

void wl_coro_trampoline(void);

void wl_coro_init(struct wl_coro *c, void *stack, size_t size,
		  void (*fn)(void *arg), void *arg)
{
	uintptr_t top = ((uintptr_t)stack + size) & ~(uintptr_t)15;
	uint64_t *sp = (uint64_t *)top;

#if defined(__x86_64__)
	/* The trampoline's slot sits at top - 8 so that after `ret` pops it
	 * rsp is 16-byte aligned, as a `call` requires. */
	*--sp = (uint64_t)(uintptr_t)wl_coro_trampoline;
	*--sp = 0;				/* rbp */
	*--sp = 0;				/* rbx */
	*--sp = (uint64_t)(uintptr_t)fn;	/* r12 */
	*--sp = (uint64_t)(uintptr_t)arg;	/* r13 */
	*--sp = 0;				/* r14 */
	*--sp = 0;				/* r15 */
	/* Power-on defaults: MXCSR 0x1f80 (all exceptions masked, round to
	 * nearest) and x87 control word 0x037f. */
	*--sp = 0x1f80ull | (0x037full << 32);
#elif defined(__riscv) && __riscv_xlen == 64
#if defined(__riscv_flen)
	enum { frame_words = 26 };	/* FRAME 208 in coro_riscv64.S */
#else
	enum { frame_words = 14 };	/* FRAME 112 */
#endif
	sp -= frame_words;
	for (int i = 0; i < frame_words; i++)
		sp[i] = 0;		/* fs registers: +0.0 */
	sp[0] = (uint64_t)(uintptr_t)wl_coro_trampoline;	/* ra */
	sp[1] = (uint64_t)(uintptr_t)fn;			/* s0 */
	sp[2] = (uint64_t)(uintptr_t)arg;			/* s1 */
#else
#error "coro.c: no coroutine switch for this architecture"
#endif
	c->sp = sp;
}
