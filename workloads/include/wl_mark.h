/*
 * wl_mark.h - region markers: instructions a workload executes at the edges
 * of its measured region so that an instrument outside the guest (the
 * emulator plugin, harness/plugin/) can find the region without the guest
 * kernel's help.
 *
 * On RISC-V a marker is `slti x0, x0, N`: a HINT, which writes nothing and
 * costs one instruction. The plugin recognises the encoding and reads N.
 * Elsewhere the markers are empty. This header is the one place the numbers
 * are written; the plugin includes it too.
 */
#ifndef WL_MARK_H
#define WL_MARK_H

#define WL_MARK_BEGIN 1   /* the region starts after this instruction */
#define WL_MARK_END   2   /* ... and ends before this one */

#define WL_MARK_STR_(n) #n
#define WL_MARK_STR(n) WL_MARK_STR_(n)

#if defined(__riscv)
#define wl_mark(n) __asm__ volatile("slti x0, x0, " WL_MARK_STR(n) ::: "memory")
#else
#define wl_mark(n) ((void)0)
#endif

#endif
