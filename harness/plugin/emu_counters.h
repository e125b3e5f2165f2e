/*
 * The emulator plugin's counters, written once: the plugin's arrays and the
 * keys of its @emu line, and the harness's emu_* columns (emu_ + name,
 * summed over harts), all come from this list. Plain C, no includes: the
 * plugin and the harness both take it.
 */
#ifndef EMU_COUNTERS_H
#define EMU_COUNTERS_H

#define EMU_COUNTERS(X)                                                                      \
	X(instr_u, "instructions executed in U-mode code (by the code's address)")              \
	X(instr_s, "instructions executed in S-mode code: the kernel, MMU on or off")           \
	X(instr_m, "instructions executed in M-mode code: the firmware and the reset ROM")      \
	X(ecall_u, "`ecall` executed in U-mode code: system calls")                             \
	X(ecall_s, "`ecall` executed in S-mode code: SBI calls")                                \
	X(sret, "`sret` executed: returns from the kernel's traps")                             \
	X(mret, "`mret` executed: returns from the firmware's traps")                           \
	X(wfi, "`wfi` executed")                                                                \
	X(wfi_skipped, "instructions after a `wfi` in its block: charged by QEMU's icount (and " \
		       "so `instret`), never executed there")                                     \
	X(io_replayed, "instructions after a device access in its block, counted at the block's "  \
		       "entry and taken back: QEMU left the block there (icount) and went on "   \
		       "after replaying the access alone")                                        \
	X(trap_s, "entries to the kernel's trap vector (U->S and S->S traps)")                  \
	X(trap_m, "entries to the firmware's trap vector (SBI calls and M-mode interrupts)")    \
	X(sw_us, "U->S switches seen between executed blocks")                                   \
	X(sw_su, "S->U switches seen between executed blocks")                                   \
	X(sw_sm, "S->M switches seen between executed blocks")                                   \
	X(sw_ms, "M->S switches seen between executed blocks")                                   \
	X(sw_um, "U->M switches seen between executed blocks")                                   \
	X(sw_mu, "M->U switches seen between executed blocks")

#endif
