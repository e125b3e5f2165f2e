# harness: build/scbench (run, sweep, plot, compare) and its test suites.

HARNESS_B    := $(BUILD)/harness
SCBENCH      := $(BUILD)/scbench
HARNESS_SRCS := axes.c columns.c cpus.c columns_doc.c compare.c coremodel.c csv.c derive.c emu.c engine.c gate.c \
                gaterules.c hyperfine.c jsonout.c machine.c matrix.c merge.c meta.c opts.c output.c \
                plancheck.c plot.c plotdata.c pointargs.c proc.c resultset.c resume.c row.c runcmd.c \
                runline.c spawn.c stats.c summary.c sweepfile.c target.c target_linux.c \
                target_refos.c validate.c
HARNESS_OBJS := $(addprefix $(HARNESS_B)/,$(HARNESS_SRCS:.c=.o)) $(HARNESS_B)/cachemodel.o
HARNESS_LIB  := $(HARNESS_B)/libscbench.a

# The refos counters' header (os/include/uapi/rf_counters.h) is taken from
# the kernel's uapi; HARNESS_INC lets a test build put another before it.
HARNESS_INC  := -Iworkloads/include -Ios/include

# pkg-config may be missing before `make deps` has run; the plain flags work
# on Debian, where both libraries sit in the default paths.
JANSSON_CFLAGS := $(shell pkg-config --cflags jansson 2>/dev/null)
JANSSON_LIBS   := $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson)
CMOCKA_LIBS    := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

$(HARNESS_B)/%.o: harness/%.c
	@mkdir -p $(@D)
	$(MSG) CC $<
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(JANSSON_CFLAGS) $(HARNESS_INC) -MMD -MP -c $< -o $@

# The plugin's model, linked in too: --core checks a profile against it
# before anything boots.
$(HARNESS_B)/cachemodel.o: harness/plugin/cachemodel.c
	@mkdir -p $(@D)
	$(MSG) CC $<
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -MMD -MP -c $< -o $@

$(HARNESS_LIB): $(HARNESS_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

# The commit the binary is built from, for scbench --version. The header is
# rewritten only when that changes, so an unchanged tree rebuilds nothing.
$(HARNESS_B)/version.h: FORCE
	@mkdir -p $(@D)
	$(Q)c=$$(git rev-parse HEAD 2>/dev/null || echo unknown); \
	[ -z "$$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || c="$$c-dirty"; \
	l="#define SCB_COMMIT \"$$c\""; \
	[ "$$(cat $@ 2>/dev/null)" = "$$l" ] || echo "$$l" > $@

$(HARNESS_B)/main.o: $(HARNESS_B)/version.h
$(HARNESS_B)/main.o: HOSTCFLAGS += -I$(HARNESS_B)

.PHONY: FORCE metrics-doc
FORCE:

# docs/metrics.md's column tables, rewritten from the schema (harness/tests/
# columns.sh checks that they match it).
metrics-doc: $(SCBENCH)
	$(Q)$(SCBENCH) columns --format md > $(HARNESS_B)/metrics-columns.md
	$(Q)awk -v gen=$(HARNESS_B)/metrics-columns.md \
		'/^<!-- columns: end/ { skip = 0 } !skip { print } \
		 /^<!-- columns: begin/ { while ((getline l < gen) > 0) print l; skip = 1 }' \
		docs/metrics.md > docs/metrics.md.tmp && mv docs/metrics.md.tmp docs/metrics.md

$(SCBENCH): $(HARNESS_B)/main.o $(HARNESS_LIB)
	$(MSG) LD $@
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $^ $(JANSSON_LIBS) -lm

# The emulator plugin (harness/plugin/): a shared object QEMU loads with
# -plugin. It includes the workload markers header for the marker numbers.
EMU_PLUGIN := $(BUILD)/emu.so
EMU_PLUGIN_SRCS := harness/plugin/emu.c harness/plugin/emu_model.c harness/plugin/cachemodel.c
$(EMU_PLUGIN): $(EMU_PLUGIN_SRCS) harness/plugin/emu_counters.h harness/plugin/qemu_api.h \
		harness/plugin/emu_model.h harness/plugin/cachemodel.h workloads/include/wl_mark.h
	@mkdir -p $(@D)
	$(MSG) LD $@
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -fPIC -shared -fvisibility=hidden -Iworkloads/include -o $@ \
		$(EMU_PLUGIN_SRCS) -lpthread

# ---- tests ------------------------------------------------------------------
# Unit suites (cmocka, TAP output) and end-to-end suites (shell, TAP lines).

HARNESS_UNIT := csv runline stats args gaterules
HARNESS_UNIT_BINS := $(addprefix $(HARNESS_B)/test-,$(HARNESS_UNIT))

$(HARNESS_B)/tests/%.o: harness/tests/%.c
	@mkdir -p $(@D)
	$(MSG) CC $<
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(JANSSON_CFLAGS) -Iharness $(HARNESS_INC) -MMD -MP -c $< -o $@

$(HARNESS_B)/test-%: $(HARNESS_B)/tests/test_%.o $(HARNESS_LIB)
	$(MSG) LD $@
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(JANSSON_LIBS) -lm

.PRECIOUS: $(HARNESS_B)/tests/%.o

# The plugin's cache model, tested apart from QEMU.
$(HARNESS_B)/test-cachemodel: harness/tests/test_cachemodel.c harness/plugin/cachemodel.c \
		harness/plugin/cachemodel.h
	@mkdir -p $(@D)
	$(MSG) LD $@
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -Iharness/plugin -o $@ harness/tests/test_cachemodel.c \
		harness/plugin/cachemodel.c $(CMOCKA_LIBS)

ALL += $(SCBENCH) $(HARNESS_UNIT_BINS) $(EMU_PLUGIN) $(HARNESS_B)/test-cachemodel

TESTS += $(HARNESS_UNIT_BINS) $(HARNESS_B)/test-cachemodel \
	"harness/tests/cli.sh $(SCBENCH)" \
	"harness/tests/columns.sh $(SCBENCH)" \
	"harness/tests/compare.sh $(SCBENCH)" \
	"harness/tests/args.sh $(SCBENCH) $(BUILD)/wl-host $(BUILD)/refos" \
	"harness/tests/usage.sh $(SCBENCH)" \
	"harness/tests/json.sh $(SCBENCH)" \
	"harness/tests/docs.sh $(SCBENCH)" \
	"harness/tests/faults.sh $(SCBENCH)" \
	"harness/tests/interrupt.sh $(SCBENCH)" \
	"harness/tests/outdir.sh $(SCBENCH)" \
	"harness/tests/resume.sh $(SCBENCH)" \
	"harness/tests/shard.sh $(SCBENCH)" \
	"harness/tests/sweep.sh $(SCBENCH)" \
	"harness/tests/refos.sh $(SCBENCH) $(BUILD)/refos" \
	"harness/tests/host.sh $(SCBENCH) $(BUILD)/wl-host" \
	"harness/tests/hostruns.sh $(SCBENCH)" \
	"harness/tests/validate.sh $(SCBENCH) $(BUILD)/wl-host" \
	"harness/tests/hyperfine.sh $(SCBENCH) $(BUILD)/wl-host" \
	"harness/tests/gate.sh $(SCBENCH) $(BUILD)/refos" \
	"harness/tests/plugin.sh $(BUILD)/refos $(EMU_PLUGIN)" \
	"harness/tests/cachemodel.sh $(BUILD)/refos $(EMU_PLUGIN)" \
	"harness/tests/core.sh $(SCBENCH) $(BUILD)/refos $(EMU_PLUGIN)" \
	"harness/tests/cmprobe.sh $(BUILD)/refos $(EMU_PLUGIN)" \
	"harness/tests/instrument.sh $(SCBENCH) $(BUILD)/refos $(EMU_PLUGIN)"

-include $(wildcard $(HARNESS_B)/*.d $(HARNESS_B)/tests/*.d)
