/* The linux target's files (target_linux.c), for the --linux option. */
#ifndef SCB_TARGET_LINUX_H
#define SCB_TARGET_LINUX_H

/* The Linux guest's files, all in --linux DIR (linux/linux.mk makes them). */
#define LINUX_IMAGE "Image"
#define LINUX_VMLINUX "vmlinux"
#define LINUX_INITRD "initramfs.cpio"
#define LINUX_DIR_DEFAULT "build/linux"
/* The kernel's trap vector, for the plugin's stvec= argument. */
#define LINUX_STVEC_SYMBOL "handle_exception"

#endif
