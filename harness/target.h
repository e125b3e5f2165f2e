/* The targets (refos, linux, host): how a point becomes a command line, and
 * how a finished process becomes a result row. */
#ifndef SCB_TARGET_H
#define SCB_TARGET_H

#include "matrix.h"
#include "proc.h"
#include "row.h"

/* The targets that boot a kernel under QEMU: refos and linux
 * (target_guest.h). */
#define GUEST_COUNT 2

struct target_cfg {
	const char *qemu;     /* guests: the QEMU binary */
	const char *kernel;   /* refos: the kernel ELF */
	const char *host_bin; /* host: the workload binary */
	const char *plugin;   /* guests: the emulator plugin (emu.h) */
	const char *linux_dir;   /* linux: the kernel, vmlinux and initramfs (target_linux.h) */
	/* The plugin's arguments for each guest (guest_at(i)); NULL: its
	 * points do not load it. */
	const char *plugin_args[GUEST_COUNT];
};

/* NULL-terminated argv for the point (free with argv_free). */
char **target_argv(const struct point *p, const struct target_cfg *t);
void argv_free(char **argv);
/* The argv as one shell-quoted line, for logs and --dry-run. */
char *argv_to_shell(char *const *argv);

/* Fills row with the point's parameters, the @run counters, status
 * ("ok" or "failed") and the reason of a failure. */
void judge(const struct point *p, const struct proc *pr, struct row *row);

#endif
