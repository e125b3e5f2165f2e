/* A kernel the harness boots under QEMU's virt machine: everything that
 * makes it a target, in one struct. refos (target_refos.c) and linux
 * (target_linux.c) are the two built in; docs/own-kernel.md says how to
 * add another. The rest of the harness (the QEMU command line, the plugin,
 * the checks of a run) is the same for all of them (target.c). */
#ifndef SCB_TARGET_GUEST_H
#define SCB_TARGET_GUEST_H

#include <stddef.h>
#include <stdio.h>

#include "matrix.h"
#include "proc.h"
#include "row.h"
#include "target.h"

/* Appends one word to QEMU's command line. */
typedef void guest_add_fn(void *ctx, const char *word);

struct guest_target {
	const char *name;         /* --target NAME, and its @run lines' target */
	const char *stvec_symbol; /* the kernel ELF's trap vectors, for the plugin (emu.h) */
	/* The kernel ELF the plugin's arguments come from (malloc'd). */
	char *(*elf)(const struct target_cfg *t);
	/* QEMU's words that load the kernel: -kernel FILE and what else it
	 * needs (an initrd, how a reboot ends the run). */
	void (*load)(const struct target_cfg *t, guest_add_fn *add, void *ctx);
	/* The kernel's words on -append, before "--" and the workload's. */
	void (*cmdline)(const struct point *p, FILE *f);
	/* Why a run printed no @run line, from its console: 1 and the
	 * reason, or 0. NULL: the kernel says it with @panic. */
	int (*boot_failure)(const struct proc *pr, char *why, size_t n);
	/* The counted columns of a row, from its @run and emu_* cells. NULL:
	 * the kernel's own @run counters fill them. */
	void (*fill)(struct row *row);
};

extern const struct guest_target refos_target, linux_target;

/* The guest called name, or NULL (the host). */
const struct guest_target *guest_find(const char *name);
/* Guest i, 0 <= i < GUEST_COUNT (target.h). */
const struct guest_target *guest_at(int i);
/* Its position among the guests, or -1. */
int guest_index(const char *name);

#endif
