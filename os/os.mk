# refos: the kernel (build/refos) with its user programs embedded.

RV_PREFIX ?= riscv64-unknown-elf-
RV_CC     := $(RV_PREFIX)gcc
RV_LD     := $(RV_PREFIX)ld
RV_ARCH   := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax
RV_CFLAGS := $(RV_ARCH) -O2 -g -std=gnu11 -Wall -Wextra -Werror -ffreestanding \
	-fno-common -fno-stack-protector -fno-pie -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -Ios/include

OS_B  := $(BUILD)/os
OS_GEN := $(OS_B)/gen
QEMU  ?= qemu-system-riscv64

# The syscall table is the single source for numbers, dispatch and stubs.
$(OS_GEN)/uapi/syscall_nr.h: os/syscalls.tbl os/scripts/gensyscalls.sh
	@mkdir -p $(dir $@)
	$(Q)sh os/scripts/gensyscalls.sh nr $< > $@.tmp && mv $@.tmp $@
$(OS_GEN)/syscall_table.c: os/syscalls.tbl os/scripts/gensyscalls.sh
	@mkdir -p $(dir $@)
	$(Q)sh os/scripts/gensyscalls.sh table $< > $@.tmp && mv $@.tmp $@
$(OS_GEN)/usys.S: os/syscalls.tbl os/scripts/gensyscalls.sh
	@mkdir -p $(dir $@)
	$(Q)sh os/scripts/gensyscalls.sh stubs $< > $@.tmp && mv $@.tmp $@
$(OS_GEN)/usys.h: os/syscalls.tbl os/scripts/gensyscalls.sh
	@mkdir -p $(dir $@)
	$(Q)sh os/scripts/gensyscalls.sh protos $< > $@.tmp && mv $@.tmp $@

$(OS_GEN)/syscall_fast.h: os/syscalls.tbl os/scripts/gensyscalls.sh
	@mkdir -p $(dir $@)
	$(Q)sh os/scripts/gensyscalls.sh fast $< > $@.tmp && mv $@.tmp $@

OS_GEN_HDRS := $(OS_GEN)/uapi/syscall_nr.h $(OS_GEN)/usys.h $(OS_GEN)/syscall_fast.h
RV_INC := -I$(OS_GEN) -Ios/include -Ios/kernel

# ---- user side: library + programs -------------------------------------
ULIB_SRCS := os/user/lib/crt0.S os/user/lib/ulib.c os/user/lib/malloc.c os/user/lib/ring.c \
	os/user/lib/uintr.S \
	os/lib/string.c os/lib/fmt.c $(OS_GEN)/usys.S
ULIB_OBJS := $(patsubst %,$(OS_B)/ulib/%.o,$(notdir $(ULIB_SRCS)))
U_CFLAGS  := $(RV_CFLAGS) -isystem os/user/include -I$(OS_GEN) -Ios/lib

$(OS_B)/ulib/%.c.o: os/user/lib/%.c $(OS_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(MSG) CC $<
	$(Q)$(RV_CC) $(U_CFLAGS) -MD -c $< -o $@
$(OS_B)/ulib/%.c.o: os/lib/%.c
	@mkdir -p $(dir $@)
	$(MSG) CC $<
	$(Q)$(RV_CC) $(U_CFLAGS) -MD -c $< -o $@
$(OS_B)/ulib/%.S.o: os/user/lib/%.S $(OS_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(U_CFLAGS) -c $< -o $@
$(OS_B)/ulib/usys.S.o: $(OS_GEN)/usys.S $(OS_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(U_CFLAGS) -c $< -o $@

$(OS_B)/ulib.a: $(ULIB_OBJS)
	$(Q)rm -f $@ && $(RV_PREFIX)ar rcs $@ $^

# Each program is a folder of C files linked into one ELF; UPROG_NAMES maps
# the names init can run to images.
UPROGS := ktest fuzz cmprobe
$(OS_B)/uprog/%.o: os/user/progs/%.c $(OS_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(MSG) CC $<
	$(Q)$(RV_CC) $(U_CFLAGS) -MD -c $< -o $@
define uprog_rule
$(OS_B)/uprog/$(1).elf: $(patsubst os/user/progs/%.c,$(OS_B)/uprog/%.o,$(wildcard os/user/progs/$(1)/*.c)) $(OS_B)/ulib.a os/user/user.ld
	$$(MSG) LD $$@
	$$(Q)$$(RV_LD) -T os/user/user.ld -o $$@ $$(filter %.o,$$^) $(OS_B)/ulib.a
endef
$(foreach p,$(UPROGS),$(eval $(call uprog_rule,$(p))))
# The workload programs (null, echo, pingpong, stream, mixed) are the portable
# framework of workloads/core built for refos, with the refos platform and
# async backend from os/user/wl.
include workloads/core/core.mk
WL_RV_OBJS := $(patsubst workloads/core/%,$(OS_B)/wl/%.o,$(WL_CORE_SRCS) $(WL_CORE_ASM_riscv64)) \
	$(patsubst os/user/wl/%.c,$(OS_B)/wl/refos/%.o,$(wildcard os/user/wl/*.c))
WL_RV_CFLAGS := $(U_CFLAGS) -I$(WL_INCLUDE) -Iworkloads/core -Ios/user/wl
# cmprobe marks its region as the workloads do.
$(OS_B)/uprog/cmprobe/%.o: U_CFLAGS += -I$(WL_INCLUDE)
$(OS_B)/wl/%.c.o: workloads/core/%.c $(OS_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(MSG) CC $<
	$(Q)$(RV_CC) $(WL_RV_CFLAGS) -MD -c $< -o $@
$(OS_B)/wl/%.S.o: workloads/core/%.S
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(WL_RV_CFLAGS) -c $< -o $@
$(OS_B)/wl/refos/%.o: os/user/wl/%.c $(OS_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(MSG) CC $<
	$(Q)$(RV_CC) $(WL_RV_CFLAGS) -MD -c $< -o $@
$(OS_B)/uprog/wl.elf: $(WL_RV_OBJS) $(OS_B)/ulib.a os/user/user.ld
	$(MSG) LD $@
	$(Q)$(RV_LD) -T os/user/user.ld -o $@ $(WL_RV_OBJS) $(OS_B)/ulib.a

# name=image pairs: the workload image answers to every workload name.
UPROG_NAMES := ktest=ktest fuzz=fuzz cmprobe=cmprobe null=wl echo=wl pingpong=wl stream=wl mixed=wl

$(OS_GEN)/progs.S: os/os.mk os/scripts/genprogs.sh
	@mkdir -p $(dir $@)
	$(Q)sh os/scripts/genprogs.sh $(OS_B)/uprog $(UPROG_NAMES) > $@.tmp && mv $@.tmp $@

# ---- kernel --------------------------------------------------------------
KERNEL_SRCS := $(wildcard os/kernel/*.c) $(wildcard os/kernel/*.S) os/lib/string.c os/lib/fmt.c
KERNEL_OBJS := $(patsubst %,$(OS_B)/k/%.o,$(notdir $(KERNEL_SRCS))) \
	$(OS_B)/k/syscall_table.c.o $(OS_B)/k/progs.S.o
K_CFLAGS := $(RV_CFLAGS) $(RV_INC) -Ios/lib

$(OS_B)/k/%.c.o: os/kernel/%.c $(OS_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(MSG) CC $<
	$(Q)$(RV_CC) $(K_CFLAGS) -MD -c $< -o $@
$(OS_B)/k/%.c.o: os/lib/%.c
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(K_CFLAGS) -MD -c $< -o $@
$(OS_B)/k/%.S.o: os/kernel/%.S $(OS_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(K_CFLAGS) -MD -c $< -o $@
$(OS_B)/k/syscall_table.c.o: $(OS_GEN)/syscall_table.c $(OS_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(K_CFLAGS) -c $< -o $@
$(OS_B)/k/progs.S.o: $(OS_GEN)/progs.S $(patsubst %,$(OS_B)/uprog/%.elf,$(UPROGS)) $(OS_B)/uprog/wl.elf
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(K_CFLAGS) -c $< -o $@

# The shared scheduler's code page runs at any address and from user space:
# no jump tables (data), no calls the compiler adds (memset, memcpy).
$(OS_B)/k/shs_page.c.o: K_CFLAGS += -fno-jump-tables -fno-tree-loop-distribute-patterns -fno-builtin

$(BUILD)/refos: $(KERNEL_OBJS) os/kernel/kernel.ld
	$(MSG) LD $@
	$(Q)$(RV_LD) -T os/kernel/kernel.ld -o $@ $(KERNEL_OBJS)

-include $(shell find $(OS_B) -name '*.d' 2>/dev/null)

ALL += $(BUILD)/refos
TESTS += "sh os/tests/run-ktest.sh 1" "sh os/tests/run-ktest.sh 2" \
	"sh os/tests/run-ktest.sh 1 'ring_*' 'hz=100 sqmode=worker'" \
	"sh os/tests/run-ktest.sh 2 'ring_*' 'hz=100 sqmode=poller'" \
	"sh os/tests/run-ktest.sh 1 '*' 'hz=100 fastpath=1'" \
	"sh os/tests/run-ktest.sh 2 '*' 'hz=100 fastpath=1'" \
	"sh os/tests/run-ktest.sh 1 'ring_*' 'hz=100 sqmode=worker fastpath=1'" \
	"sh os/tests/run-ktest.sh 2 'ring_*' 'hz=100 sqmode=poller fastpath=1'" \
	"ICOUNT= sh os/tests/run-ktest.sh 2 'sbrk_*' 'hz=100'" \
	"ICOUNT= sh os/tests/run-ktest.sh 2 'poller_wakeup' 'hz=100 sqmode=poller poll_ns=30000000'" \
	"sh os/tests/run-ktest.sh 1 '*' 'hz=100 sched=shared'" \
	"sh os/tests/run-ktest.sh 2 '*' 'hz=100 sched=shared'" \
	"sh os/tests/run-determinism.sh" "sh os/tests/run-faults.sh" "sh os/tests/run-limits.sh" \
	"sh os/tests/run-fastpath.sh" "sh os/tests/run-fuzz.sh" "sh os/tests/run-shsched.sh"

# make fuzz SEED=N CALLS=N [HARTS=2] [KNOBS="hz=1000 sqmode=enter"] [ICOUNT=]:
# the guest fuzzer for longer than make test runs it, or one finding's seed
# again (CALLS=1 runs that seed's child alone). ICOUNT= (empty) runs the
# harts in parallel; by default they run under -icount.
SEED   ?= 1
CALLS  ?= 1000000
HARTS  ?= 2
KNOBS  ?= hz=1000 sqmode=enter
FUZZ_TIMEOUT ?= 3600
.PHONY: fuzz
fuzz: $(BUILD)/refos
	$(Q)sh os/tests/boot.sh $(FUZZ_TIMEOUT) $(HARTS) "$(KNOBS) -- fuzz --seed $(SEED) --calls $(CALLS)" \
		>$(BUILD)/fuzz.log; rc=$$?; grep -v '^fuzz: seed [0-9]*[: ]' $(BUILD)/fuzz.log | grep -v '^ \|^[A-Z]'; \
		echo "console: $(BUILD)/fuzz.log"; exit $$rc
