/* The linux target: Linux riscv64 booted under the same QEMU machine as
 * refos, its initramfs (linux/linux.mk) running the same workloads with the
 * host's backends. What makes it a target is all here: the files it boots,
 * its kernel command line, how a failed boot reads on its console, and the
 * counts of its rows, taken from the emulator plugin (Linux keeps no
 * per-region counters of its own) and from getrusage inside the guest. */
#include "target_guest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "target_linux.h"

static char *linux_file(const struct target_cfg *t, const char *name)
{
	char *s;
	if (asprintf(&s, "%s/%s", t->linux_dir, name) < 0) {
		fprintf(stderr, "scbench: out of memory\n");
		exit(1);
	}
	return s;
}

static char *linux_elf(const struct target_cfg *t)
{
	return linux_file(t, LINUX_VMLINUX);
}

static void linux_load(const struct target_cfg *t, guest_add_fn *add, void *ctx)
{
	char *image = linux_file(t, LINUX_IMAGE), *initrd = linux_file(t, LINUX_INITRD);
	add(ctx, "-kernel");
	add(ctx, image);
	add(ctx, "-initrd");
	add(ctx, initrd);
	add(ctx, "-no-reboot"); /* a panic reboots: end the point instead */
	/* The machine's guest-visible randomness (the device tree's rng-seed)
	 * from a fixed seed: Linux seeds its RNG, and so its address-space
	 * layout, from it, and a random one moved the kernel's share of a
	 * pingpong op by 5% from boot to boot. */
	add(ctx, "-seed");
	add(ctx, "1");
	free(image);
	free(initrd);
}

/* The console on the virt machine's UART, from the first message on (a
 * kernel that dies early still says why), none below a warning once booted;
 * a panic reboots at once, which -no-reboot turns into QEMU's exit, so a
 * dead kernel ends the point before its timeout. What follows "--" is
 * /init's argv. */
static void linux_cmdline(const struct point *p, FILE *f)
{
	(void)p;
	fputs("console=ttyS0 earlycon quiet panic=-1 rdinit=/init", f);
}

/* QEMU's own complaint (a kernel or initramfs it could not load), which it
 * prints as "qemu-...: why". */
static int qemu_complaint(const char *line)
{
	size_t w = strcspn(line, " :");
	return line[w] == ':' && line[w + 1] == ' ' && strncmp(line, "qemu", 4) == 0;
}

/* The kernel's last words when it panicked, or QEMU's complaint. */
static int linux_boot_failure(const struct proc *pr, char *why, size_t n)
{
	static const char mark[] = "Kernel panic - not syncing:";
	for (size_t i = proc_tail_count(pr); i-- > 0;) {
		const char *line = proc_tail_line(pr, i), *l = strstr(line, mark);
		if (!l && qemu_complaint(line)) {
			snprintf(why, n, "no @run line: %.300s", line);
			return 1;
		}
		if (l) {
			l += sizeof(mark) - 1;
			while (*l == ' ')
				l++;
			snprintf(why, n, "kernel panic: %.300s", l);
			return 1;
		}
	}
	return 0;
}

static void copy_cell(struct row *row, const char *to, const char *from)
{
	const char *v = row_get(row, from);
	if (v && *v)
		row_set(row, to, v);
}

/* The columns refos's kernel fills, from the plugin's count of the same
 * event: instructions of every hart in the region, traps from U-mode
 * (U->S switches), ecalls from U-mode (every Linux system call is one; vDSO
 * calls are not). Context switches are getrusage's, as on the host. Under
 * -icount the guest's monotonic clock is QEMU's virtual clock, so the
 * workload's wall_ns is the region's virtual time, as refos's vtime_ns. */
static void linux_fill(struct row *row)
{
	if (strcmp(row_str(row, "icount"), "1") == 0)
		copy_cell(row, "vtime_ns", "wall_ns");
	copy_cell(row, "instret", "emu_instr");
	copy_cell(row, "u_traps", "emu_sw_us");
	copy_cell(row, "ecalls", "emu_ecall_u");
	copy_cell(row, "syscalls", "emu_ecall_u");
	double vol = row_num(row, "ctx_vol"), invol = row_num(row, "ctx_invol");
	if (!isnan(vol) && !isnan(invol)) {
		row_setf(row, "ctx_switches", "%.0f", vol + invol);
		row_setf(row, "ctx_forced", "%.0f", invol);
	}
}

const struct guest_target linux_target = {
	.name = "linux",
	.stvec_symbol = LINUX_STVEC_SYMBOL,
	.elf = linux_elf,
	.load = linux_load,
	.cmdline = linux_cmdline,
	.boot_failure = linux_boot_failure,
	.fill = linux_fill,
};
