# linux: the Linux riscv64 target. Builds, into $(BUILD)/linux,
#   Image, vmlinux   the guest kernel from Debian's linux-source package with
#                    linux/kernel.config merged onto allnoconfig
#   wl               the workload program (workloads/ core and host backends)
#                    cross-built static for riscv64 Linux, liburing included
#   initramfs.cpio   /init (linux/init.c), /wl and /dev/console
# The kernel is rebuilt only when the fragment or the source tarball changes.

LX_B        := $(BUILD)/linux
LINUX_TAR   ?= /usr/src/linux-source-6.12.tar.xz
LINUX_JOBS  ?= 2
LX_CROSS    ?= riscv64-linux-gnu-
LX_KSRC     := $(LX_B)/src
LX_KOBJ     := $(LX_B)/obj
LX_KMAKE     = $(MAKE) --no-print-directory -C $(LX_KSRC) O=$(abspath $(LX_KOBJ)) ARCH=riscv \
               CROSS_COMPILE=$(LX_CROSS) -s
LX_IMAGE    := $(LX_B)/Image
LX_VMLINUX  := $(LX_B)/vmlinux
LX_FRAGMENT := linux/kernel.config

# Without the tests, tools and documentation the kernel build never reads.
$(LX_KSRC)/.extracted: $(LINUX_TAR)
	$(MSG) TAR $(LINUX_TAR)
	$(Q)rm -rf $(LX_KSRC) && mkdir -p $(LX_KSRC)
	$(Q)tar -xJf $< -C $(LX_KSRC) --strip-components=1 \
		--exclude='*/tools/testing' --exclude='*/tools/perf' \
		--exclude='*/Documentation/devicetree' --exclude='*/Documentation/translations'
	$(Q)touch $@

# allnoconfig with the fragment forced in; then every line of the fragment
# must be what .config says, so a misspelt or unmet option stops the build.
$(LX_KOBJ)/.config: $(LX_FRAGMENT) $(LX_KSRC)/.extracted linux/check-config.sh
	$(MSG) KCONFIG $@
	$(Q)mkdir -p $(LX_KOBJ)
	$(Q)$(LX_KMAKE) KCONFIG_ALLCONFIG=$(abspath $(LX_FRAGMENT)) allnoconfig >/dev/null
	$(Q)linux/check-config.sh $(LX_FRAGMENT) $@

$(LX_IMAGE): $(LX_KOBJ)/.config
	$(MSG) KERNEL $@
	$(Q)$(LX_KMAKE) -j$(LINUX_JOBS) Image
	$(Q)cp $(LX_KOBJ)/arch/riscv/boot/Image $@.tmp && mv $@.tmp $@
	$(Q)cp $(LX_KOBJ)/vmlinux $(LX_VMLINUX).tmp && mv $(LX_VMLINUX).tmp $(LX_VMLINUX)

$(LX_VMLINUX): $(LX_IMAGE)

ALL += $(LX_IMAGE)

# ---- liburing for the guest -------------------------------------------------
# Debian builds liburing for the host only; the guest's is built from the
# same Debian source package (apt-get source: a deb-src line, see
# ci/deps.sh), so both sides run the same library version.
LX_URING     := $(LX_B)/liburing
LX_URING_LIB := $(LX_URING)/src/liburing.a

$(LX_URING_LIB):
	$(MSG) URING $@
	$(Q)rm -rf $(LX_URING) $(LX_B)/liburing-src && mkdir -p $(LX_B)/liburing-src
	$(Q)cd $(LX_B)/liburing-src && apt-get source -qq liburing >/dev/null 2>&1 || \
		{ echo "linux.mk: apt-get source liburing failed (make deps adds the deb-src line)" >&2; exit 1; }
	$(Q)mv $(LX_B)/liburing-src/liburing-*/ $(LX_URING) && rm -rf $(LX_B)/liburing-src
	$(Q)cd $(LX_URING) && ./configure --cc=$(LX_CROSS)gcc --cxx=$(LX_CROSS)g++ >/dev/null
	$(Q)$(MAKE) --no-print-directory -s -C $(LX_URING)/src liburing.a >/dev/null

# ---- the workload program ---------------------------------------------------
# The host's sources and backends, cross-compiled: the core, the Linux
# platform, epoll and io_uring. The BPF tracer's stub stands in for the
# tracer (no libbpf for riscv64); perf software events and getrusage count.
LX_WL_OUT    := $(LX_B)/wl-objs
LX_WL        := $(LX_B)/wl
LX_CC        := $(LX_CROSS)gcc
LX_CFLAGS    := -O2 -g -Wall -Wextra -Werror -std=gnu11 -D_GNU_SOURCE -I$(WL_INCLUDE) -I$(WL_CORE_DIR) \
                -I$(LX_URING)/src/include -I$(TRACER_DIR) -DWL_HOST_TARGET='"linux"' -MMD -MP
LX_WL_OBJS   := $(patsubst workloads/%.c,$(LX_WL_OUT)/%.o,$(WL_CORE_SRCS)) \
                $(patsubst workloads/%.S,$(LX_WL_OUT)/%.o,$(WL_CORE_ASM_riscv64)) \
                $(addprefix $(LX_WL_OUT)/host/,main.o platform.o posix_io.o posix_tasks.o counters.o \
                proc_tasks.o backend_fds.o backend_epoll.o backend_uring.o) \
                $(LX_WL_OUT)/host/tracer/sctrace_stub.o

$(LX_WL_OUT)/%.o: workloads/%.c | $(LX_URING_LIB)
	$(MSG) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(LX_CC) $(LX_CFLAGS) -c $< -o $@

$(LX_WL_OUT)/%.o: workloads/%.S
	$(MSG) AS $@
	$(Q)mkdir -p $(@D)
	$(Q)$(LX_CC) $(LX_CFLAGS) -c $< -o $@

$(LX_WL): $(LX_WL_OBJS) $(LX_URING_LIB)
	$(MSG) LD $@
	$(Q)$(LX_CC) -static -o $@ $(LX_WL_OBJS) $(LX_URING_LIB) -lpthread

$(LX_B)/init: linux/init.c
	$(MSG) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(LX_CC) -O2 -Wall -Wextra -Werror -static -o $@ $<

# ---- the initramfs ----------------------------------------------------------
# One archive for every point: the point's words reach /init on the kernel
# command line. gen_init_cpio (from the kernel source) makes the console
# node without root.
LX_INITRD   := $(LX_B)/initramfs.cpio
LX_GENCPIO  := $(LX_B)/gen_init_cpio

$(LX_GENCPIO): $(LX_KSRC)/.extracted
	$(MSG) HOSTCC $@
	$(Q)$(HOSTCC) -O2 -o $@ $(LX_KSRC)/usr/gen_init_cpio.c

$(LX_INITRD): $(LX_GENCPIO) $(LX_B)/init $(LX_WL)
	$(MSG) CPIO $@
	$(Q)printf '%s\n' 'dir /dev 0755 0 0' 'nod /dev/console 0600 0 0 c 5 1' 'dir /proc 0755 0 0' \
		'file /init $(abspath $(LX_B)/init) 0755 0 0' 'file /wl $(abspath $(LX_WL)) 0755 0 0' \
		> $@.list
	$(Q)$(LX_GENCPIO) $@.list > $@.tmp && mv $@.tmp $@

ALL += $(LX_INITRD)

-include $(wildcard $(LX_WL_OUT)/*/*.d $(LX_WL_OUT)/*/*/*.d)

TESTS += "linux/tests/linux.sh $(SCBENCH) $(LX_B) $(EMU_PLUGIN)"
