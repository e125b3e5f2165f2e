/*
 * wl_coro.h - stackful coroutines: a switch is a few instructions that save
 * the callee-saved registers on the old stack and restore them from the new
 * one (coro_<arch>.S). No ucontext: swapcontext makes a system call per
 * switch (sigprocmask) and would pollute the syscall counts being measured.
 */
#ifndef WL_CORO_H
#define WL_CORO_H

#include <stddef.h>
#include <stdint.h>

struct wl_coro {
	void *sp;	/* saved stack pointer while not running */
};

/*
 * Prepare c to run fn(arg) on the given stack at its first switch. fn must
 * never return: it ends by switching away for good.
 */
void wl_coro_init(struct wl_coro *c, void *stack, size_t size,
		  void (*fn)(void *arg), void *arg);

/* Save the running context in `from` and resume `to`. Returns when some
 * other context switches back to `from`. */
void wl_coro_switch(struct wl_coro *from, struct wl_coro *to);

#endif /* WL_CORO_H */
