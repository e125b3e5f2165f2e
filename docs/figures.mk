# make figures: docs/figures/ (SVG, PNG and PDF) from the committed result sets
# results/figures-* (and results/shsched, workloads/tools/shsched-table.sh's
# table, and results/core-*, the cache model's sets, which FRESH=1 leaves as
# they are: docs/results.md, "Modelled cycles", gives their commands), in seconds. make figures FRESH=1 first measures them
# again with the sweeps ci/figures-*.sweep (about two minutes on two cores):
# refos points two at a time (each is exact whatever runs beside it), host
# points one at a time, since a second one would share the CPUs it is timed on.
#
# scbench plot turns each set into per-curve data files (medians over
# repetitions) under build/figures/SET/data; the scripts plots/fig_*.gp draw
# the figures of docs/results.md from them and compute nothing.

# A comma inside $(call ...) arguments.
, := ,

FIG_SETS := figures-1hart figures-2harts figures-timeout figures-host figures-linux
# The cache model's sets, one per core profile (ci/core.sweep --core NAME).
CORE_SETS := core-rocket core-u74
FIG_DIR  ?= docs/figures
FIG_B    ?= $(BUILD)/figures
FRESH    ?= 0

# The date the PDFs carry: when the newest of the sets was measured (their
# meta.json), not when they were drawn, so that drawing the same sets again
# gives the same bytes (plots/pdf-date.sh). A SOURCE_DATE_EPOCH given wins.
# A figure drawn from other sets than these has its own, FIG_EPOCH_NAME.
fig_epoch = $(or $(SOURCE_DATE_EPOCH),$(shell for s in $(1); do \
	sed -n 's/.*"started": *"\([^"]*\)".*/\1/p' results/$$s/meta.json | head -n 1; done | \
	sort | tail -n 1 | xargs -r -I{} date -u -d {} +%s))
FIG_EPOCH ?= $(call fig_epoch,$(FIG_SETS) figures-parallel)
FIG_EPOCH_core ?= $(call fig_epoch,$(CORE_SETS))

# Reference lines of figure 5, in cycles per trap. The reference
# microkernel's sync call costs about 8.1k cycles on its FPGA, trap included.
FIG_FPGA_SYNC := 8100

# gnuplot -c SCRIPT ARGS..., once for each of SVG, PNG and PDF:
# $(call fig_draw,script,inputs,name,title,extra args)
define fig_draw
	$(Q)for ext in svg png pdf; do \
		SOURCE_DATE_EPOCH=$(or $(FIG_EPOCH_$(3)),$(FIG_EPOCH)) gnuplot -c plots/$(1) $(2) $(FIG_DIR)/$(3).$$ext.tmp.$$ext "$(4)" $(5) 2>$(FIG_B)/$(3).err && \
		mv $(FIG_DIR)/$(3).$$ext.tmp.$$ext $(FIG_DIR)/$(3).$$ext || \
		{ cat $(FIG_B)/$(3).err; rm -f $(FIG_DIR)/$(3).$$ext.tmp.$$ext; exit 1; }; \
	done
	@printf '  %-7s %s\n' FIG $(FIG_DIR)/$(3).svg
endef

figures: deps
ifeq ($(FRESH),1)
	$(Q)$(MAKE) --no-print-directory all
	$(Q)for s in $(FIG_SETS); do \
		j=2; [ $$s = figures-host ] && j=1; \
		rm -rf results/$$s.new && \
		$(SCBENCH) sweep --config ci/$$s.sweep -j $$j -o results/$$s.new || exit 1; \
		rm -rf results/$$s && mv results/$$s.new results/$$s; \
	done
	$(Q)rm -rf results/figures-parallel.new && \
		$(SCBENCH) sweep --config ci/figures-parallel.sweep -j 1 -o results/figures-parallel.new && \
		rm -rf results/figures-parallel results/figures-parallel.new/logs && \
		mv results/figures-parallel.new results/figures-parallel
	$(Q)awk -F: '/^cpu MHz/ { gsub(/ /, "", $$2); print $$2; exit }' /proc/cpuinfo \
		> results/figures-host/cpu_mhz
else
	$(Q)$(MAKE) --no-print-directory -s $(SCBENCH)
endif
	$(Q)mkdir -p $(FIG_DIR) $(FIG_B)
	$(Q)for s in $(FIG_SETS); do \
		$(SCBENCH) plot results/$$s -o $(FIG_B)/$$s 2>$(FIG_B)/$$s.err || \
		{ cat $(FIG_B)/$$s.err; exit 1; }; \
	done
	$(call fig_draw,fig_instr.gp,$(FIG_B)/figures-1hart/data/refos-echo-s64-instr.csv \
		$(FIG_B)/figures-2harts/data/refos-echo-s64-instr.csv,instr,refos: echo of 64 bytes$(,) 8192 ops$(,) -icount)
	$(call fig_draw,fig_traps.gp,$(FIG_B)/figures-1hart/data/refos-echo-s64-traps.csv \
		$(FIG_B)/figures-2harts/data/refos-echo-s64-traps.csv,traps,refos: echo of 64 bytes$(,) 8192 ops$(,) -icount)
	$(call fig_draw,fig_host.gp,$(FIG_B)/figures-host/data/host-echo-s64-syscalls.csv \
		$(FIG_B)/figures-host/data/host-echo-s64-throughput.csv,host,Linux host: echo of 64 bytes$(,) 65536 ops)
	$(call fig_draw,fig_timeout.gp,$(FIG_B)/figures-timeout/data/refos-echo-s64-instr.csv \
		$(FIG_B)/figures-timeout/data/refos-pingpong-s64-instr.csv,timeout,refos: one hart$(,) hz=1000$(,) 32768 ops$(,) -icount)
	$(call fig_draw,fig_shsched.gp,results/shsched/table.csv,shsched,refos: one hart$(,) 64-byte messages$(,) sqmode=enter$(,) -icount)
	$(Q)ns=$$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$$i] = i; next } \
		$$c["workload"] == "null" && $$c["backend"] == "sync" { printf "%.0f", 1e9 / $$c["ops_per_sec_median"] }' \
		results/figures-host/summary.csv); \
	mhz=$$(cat results/figures-host/cpu_mhz); \
	cyc=$$(awk -v ns=$$ns -v mhz=$$mhz 'BEGIN { printf "%.0f", ns * mhz / 1000 }'); \
	echo "$$ns $$mhz $$cyc" > $(FIG_B)/host_null; \
	test -n "$$ns" -a -n "$$mhz" || { echo "figures: no host null-call row or cpu_mhz in results/figures-host"; exit 1; }
	$(call fig_draw,fig_breakeven.gp,$(FIG_B)/figures-1hart/data/refos-echo-s64-breakeven.csv \
		$(FIG_B)/figures-2harts/data/refos-echo-s64-breakeven.csv,breakeven,refos: echo of 64 bytes$(,) 8192 ops$(,) -icount, \
		"$$(awk '{ printf "%s:this host'"'"'s null system call: %s ns$(,) %s cycles at %.1f GHz", $$3, $$1, $$3, $$2 / 1000 }' $(FIG_B)/host_null)" \
		"$(FIG_FPGA_SYNC):whole sync call on the FPGA (trap included): 8.1k cycles")
	$(Q)linux/tools/vs-refos.sh results/figures-linux/runs.csv $(FIG_B)/figures-linux/vs
	$(call fig_draw,fig_linux.gp,$(FIG_B)/figures-linux/vs,linux,refos and Linux 6.12 on one emulated hart: 64-byte messages$(,) 8192 ops$(,) -icount$(,) the emulator plugin, \
		$(FIG_B)/figures-linux/data/refos-echo-s64-instr.csv)
	$(Q)ci/parallel-table.sh results/figures-parallel $(FIG_B)/parallel.csv > $(FIG_B)/parallel.md
	$(call fig_draw,fig_parallel.gp,$(FIG_B)/parallel.csv,parallel,refos: two harts in parallel (no -icount)$(,) echo of 64 bytes$(,) 4000 ops$(,) hz=10000$(,) 5 runs)
	$(Q)for s in $(CORE_SETS); do \
		$(SCBENCH) plot results/$$s -o $(FIG_B)/$$s 2>$(FIG_B)/$$s.err && \
		ci/core-table.sh results/$$s $(FIG_B)/$$s/core > $(FIG_B)/$$s/core.md 2>>$(FIG_B)/$$s.err || \
		{ cat $(FIG_B)/$$s.err; exit 1; }; \
	done
	$(call fig_draw,fig_core.gp,$(addprefix $(FIG_B)/,$(addsuffix /core,$(CORE_SETS))) \
		$(FIG_B)/$(firstword $(CORE_SETS))/data/refos-echo-s64-instr.csv,core,refos under the cache$(,) TLB and trap-cost model (--core): 64-byte messages$(,) -icount)
	@printf 'figures: %s (captions in docs/results.md)\n' $(FIG_DIR)

TESTS += "plots/tests/figures.sh"
