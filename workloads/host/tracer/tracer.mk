# The BPF tracer: sctrace.bpf.c compiled CO-RE against a vmlinux.h made from
# the running kernel's BTF, a bpftool skeleton, and the loader sctrace.c.
# Everything generated goes to $(BUILD)/tracer. Without kernel BTF at build
# time a stub loader is built instead: runs then report tracer_note and
# carry on, as they do when BPF cannot load.

TRACER_DIR  := workloads/host/tracer
TRACER_OUT  := $(BUILD)/tracer
VMLINUX_BTF ?= /sys/kernel/btf/vmlinux
BPF_CLANG   ?= clang
BPFTOOL     ?= $(or $(shell command -v bpftool 2>/dev/null),/usr/sbin/bpftool)
BPF_ARCH    := $(patsubst x86_64,x86,$(patsubst aarch64,arm64,$(patsubst riscv64,riscv,$(shell uname -m))))

TRACER_OBJ  := $(TRACER_OUT)/sctrace.o
TRACER_LIBS := $(shell pkg-config --libs libbpf 2>/dev/null || echo -lbpf -lelf -lz)

$(TRACER_OUT):
	$(Q)mkdir -p $@

ifneq ($(wildcard $(VMLINUX_BTF)),)

$(TRACER_OUT)/vmlinux.h: | $(TRACER_OUT)
	$(MSG) GEN $@
	$(Q)$(BPFTOOL) btf dump file $(VMLINUX_BTF) format c > $@.tmp && mv $@.tmp $@

$(TRACER_OUT)/sctrace.bpf.o: $(TRACER_DIR)/sctrace.bpf.c $(TRACER_DIR)/sctrace.h \
		$(TRACER_OUT)/vmlinux.h
	$(MSG) BPF $@
	$(Q)$(BPF_CLANG) -g -O2 -target bpf -D__TARGET_ARCH_$(BPF_ARCH) -Wall -Werror \
		-I$(TRACER_OUT) -I$(TRACER_DIR) -c $< -o $@

$(TRACER_OUT)/sctrace.skel.h: $(TRACER_OUT)/sctrace.bpf.o
	$(MSG) SKEL $@
	$(Q)$(BPFTOOL) gen skeleton $< name sctrace_bpf > $@.tmp && mv $@.tmp $@

$(TRACER_OBJ): $(TRACER_DIR)/sctrace.c $(TRACER_DIR)/sctrace_loader.h \
		$(TRACER_DIR)/sctrace.h $(TRACER_OUT)/sctrace.skel.h
	$(MSG) CC $@
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -I$(TRACER_OUT) -I$(TRACER_DIR) -c $< -o $@

else

$(TRACER_OBJ): $(TRACER_DIR)/sctrace_stub.c $(TRACER_DIR)/sctrace_loader.h | $(TRACER_OUT)
	$(MSG) CC $@
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -I$(TRACER_DIR) -c $< -o $@

endif
