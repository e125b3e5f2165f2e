/* The linux target: Linux riscv64 booted under the same QEMU machine as
 * refos, its initramfs (linux/linux.mk) running the same workloads with the
 * host's backends. What makes it a target is all here: the files it boots,
 * its kernel command line, how a failed boot reads on the console, and the
 * counts of its rows, taken from the emulator plugin (Linux keeps no
 * per-region counters of its own) and from getrusage inside the guest. */
#include "target_linux.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *linux_file(const struct target_cfg *t, const char *name)
{
	char *s;
	if (asprintf(&s, "%s/%s", t->linux_dir, name) < 0) {
		fprintf(stderr, "scbench: out of memory\n");
		exit(1);
	}
	return s;
}

/* The console on the virt machine's UART, from the first message on (a
 * kernel that dies early still says why); none below a
 * warning; a panic reboots at once, which -no-reboot turns into QEMU's
 * exit, so a dead kernel ends the point before its timeout. Everything
 * after "--" is /init's argv. */
const char *linux_cmdline(void)
{
	return "console=ttyS0 earlycon quiet panic=-1 rdinit=/init";
}

/* Why a guest printed no @run line, from the kept console lines: the
 * kernel's last words when it panicked, or QEMU's own complaint (a kernel
 * or initramfs it could not load), which it prints as "qemu-...: why". */
static int qemu_complaint(const char *line)
{
	size_t w = strcspn(line, " :");
	return line[w] == ':' && line[w + 1] == ' ' && strncmp(line, "qemu", 4) == 0;
}

int linux_boot_failure(const struct proc *pr, char *why, size_t n)
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
 * calls are not). Context switches are getrusage's, as on the host. */
void linux_fill(struct row *row)
{
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
