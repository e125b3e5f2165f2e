# workloads: the portable workload core, the Linux host binary build/wl-host
# (sync, epoll, uring, uring-sqpoll and null backends, BPF tracer linked in)
# and their test suites. refos builds the same core from core/core.mk.

include workloads/core/core.mk
include workloads/host/tracer/tracer.mk

WL_OUT      := $(BUILD)/workloads
WL_HOST     := $(BUILD)/wl-host
WL_CFLAGS   := $(HOSTCFLAGS) -I$(WL_INCLUDE) -I$(WL_CORE_DIR) -MMD -MP

WL_CORE_OBJS := $(patsubst workloads/%.c,$(WL_OUT)/%.o,$(WL_CORE_SRCS)) \
                $(patsubst workloads/%.S,$(WL_OUT)/%.o,$(WL_CORE_ASM_x86_64))
WL_HOST_OBJS := $(addprefix $(WL_OUT)/host/,main.o platform.o posix_io.o posix_tasks.o counters.o proc_tasks.o backend_fds.o \
                backend_epoll.o backend_uring.o)
WL_HOST_LIBS := $(shell pkg-config --libs liburing 2>/dev/null || echo -luring) \
                $(TRACER_LIBS) -lpthread

$(WL_OUT)/core/%.o: workloads/core/%.c
	$(MSG) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(WL_CFLAGS) -c $< -o $@

$(WL_OUT)/core/%.o: workloads/core/%.S
	$(MSG) AS $@
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(WL_CFLAGS) -c $< -o $@

$(WL_OUT)/host/%.o: workloads/host/%.c
	$(MSG) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(WL_CFLAGS) -I$(TRACER_DIR) -c $< -o $@

$(WL_HOST): $(WL_HOST_OBJS) $(WL_CORE_OBJS) $(TRACER_OBJ)
	$(MSG) LD $@
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $^ $(WL_HOST_LIBS)

# ---- tests ------------------------------------------------------------------

WL_TEST_OUT   := $(WL_OUT)/tests
WL_UNIT_TESTS := test-args test-verify test-coro test-sched
WL_UNIT_BINS  := $(addprefix $(WL_TEST_OUT)/,$(WL_UNIT_TESTS))
WL_CMOCKA     := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

# Kept, not deleted as intermediates, so a rebuild stays quiet and quick.
.PRECIOUS: $(WL_TEST_OUT)/%.o

$(WL_TEST_OUT)/%.o: workloads/tests/%.c
	$(MSG) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(WL_CFLAGS) -Iworkloads/host -c $< -o $@

# Unit tests link the core with a fake platform (fake_platform.c) that
# captures the @run line, so they need neither the host binary nor root;
# its I/O and threads are the host's own (posix_io.c, posix_tasks.c).
$(WL_TEST_OUT)/test-%: $(WL_TEST_OUT)/test_%.o $(WL_TEST_OUT)/fake_platform.o $(WL_OUT)/host/posix_io.o \
		$(WL_OUT)/host/posix_tasks.o $(WL_CORE_OBJS)
	$(MSG) LD $@
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $^ $(WL_CMOCKA) -lpthread -lm

ALL += $(WL_HOST) $(WL_UNIT_BINS)

TESTS += $(WL_UNIT_BINS) \
	"workloads/tests/backends.sh $(WL_HOST)" \
	"workloads/tests/inject.sh $(WL_HOST)" \
	"workloads/tests/tracer.sh $(WL_HOST)" \
	"workloads/tests/portable.sh" \
	"workloads/tests/coro-riscv64.sh" \
	"workloads/tests/pipe-rtt.sh $(WL_HOST)"

-include $(wildcard $(WL_OUT)/*/*.d)
