/* The emulator plugin (harness/plugin/, build/emu.so) from the harness's
 * side: the arguments it is loaded with and the @emu line it prints
 * (docs/interfaces.md). */
#ifndef SCB_EMU_H
#define SCB_EMU_H

#include <stddef.h>

#include "row.h"

#define EMU_PLUGIN_DEFAULT "build/emu.so"
#define EMU_ARGS_SCRIPT "harness/plugin/refos-args.sh"

/* The plugin's arguments for a kernel, found from its ELF (its trap vectors
 * the symbols of stvec_symbol, a comma list; "": the script's default,
 * refos's vectors), the firmware and QEMU by EMU_ARGS_SCRIPT: a
 * malloc'd "s=...,stvec=...,..." in *out, or -1 with the script's reason in
 * err. */
int emu_args(const char *kernel, const char *qemu, const char *stvec_symbol, char **out,
	     char *err, size_t errlen);

/* Parses an @emu line into emu_* cells of row: per counter C of the region,
 * emu_C summed over harts; emu_instr (U+S+M, all harts), emu_hart (the
 * vCPU that ran the begin marker: the workload's), emu_instr_hart (its
 * U+S+M), emu_instr_hart_L and emu_instr_rest_L for each level L (its
 * share and the other harts'), emu_instr_rest and emu_instr_by_hart
 * ("0:U/S/M,1:U/S/M"). An error line from
 * the plugin, or a malformed one, gives -1 and the reason in err. */
int emu_parse(const char *line, struct row *row, char *err, size_t errlen);

#endif
