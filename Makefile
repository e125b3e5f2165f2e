# scbench: sync vs async system calls, measured on refos (under QEMU) and Linux.
#
#   make          build everything into build/
#   make test     install what is missing, build, run every test suite
#   make bench    install what is missing, build, run the default sweep, plot
#   make gate     the quick deterministic sweep checked against ci/ rules
#   make baseline record this build's gate figures as ci/baseline.csv (deliberate)
#   make figures  regenerate docs/figures/ from committed result sets
#   make deps     install missing Debian packages (quiet when none are)
#   make clean    remove build/
#
# Each part contributes its rules through a fragment: os/os.mk,
# workloads/workloads.mk, harness/harness.mk. A fragment adds its binaries to
# ALL and its test suites (commands printing TAP-like lines) to TESTS.

BUILD   ?= build
V       ?= 0
Q       := $(if $(filter 1,$(V)),,@)
MSG     = $(if $(filter 1,$(V)),@true,@printf '  %-7s %s\n')

HOSTCC     ?= gcc
HOSTCFLAGS ?= -O2 -g -Wall -Wextra -Werror -std=gnu11 -D_GNU_SOURCE

ALL   :=
TESTS :=

.PHONY: all test bench gate baseline figures deps clean
.DEFAULT_GOAL := all

include os/os.mk
include workloads/workloads.mk
include harness/harness.mk
include linux/linux.mk
include docs/figures.mk

# The test runner's own test: it must count every line a suite prints.
TESTS += "ci/tests/runner.sh"

all: $(ALL)

deps:
	$(Q)ci/deps.sh

# deps runs first and alone: the build needs the compilers it installs.
test: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)ci/run-tests $(TESTS)

bench: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)ci/bench.sh

# The gate: ci/gate.sweep on refos, checked against ci/gate.rules and the
# committed baseline. `make baseline` rewrites ci/baseline.csv from this
# build: commit it on purpose, saying why the figures moved.
gate: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(SCBENCH) gate -o $(BUILD)/gate

baseline: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(SCBENCH) gate -o $(BUILD)/gate --write-baseline

clean:
	rm -rf $(BUILD)
