/* The linux target's own pieces (target_linux.c), used by target.c. */
#ifndef SCB_TARGET_LINUX_H
#define SCB_TARGET_LINUX_H

#include <stddef.h>

#include "proc.h"
#include "row.h"
#include "target.h"

/* The files of the Linux guest, all in --linux DIR. */
#define LINUX_IMAGE "Image"
#define LINUX_VMLINUX "vmlinux"
#define LINUX_INITRD "initramfs.cpio"
#define LINUX_DIR_DEFAULT "build/linux"
/* The kernel's trap vector, for the plugin's stvec= argument. */
#define LINUX_STVEC_SYMBOL "handle_exception"

/* DIR/name (malloc'd). */
char *linux_file(const struct target_cfg *t, const char *name);
/* The kernel's words before "--" on its command line. */
const char *linux_cmdline(void);
/* 1 and the reason when the console shows a kernel panic or an error of
 * QEMU before the guest ran. */
int linux_boot_failure(const struct proc *pr, char *why, size_t n);
/* The counted columns of a linux row, from its emu_* and getrusage cells. */
void linux_fill(struct row *row);

#endif
