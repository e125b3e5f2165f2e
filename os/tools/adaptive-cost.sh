#!/bin/bash
# adaptive-cost.sh CORE [WORKLOADS] [CONCS]: the adaptive backend against
# the better of sync and async, per workload and concurrency, in three
# figures per op from the plugin's cache and trap-cost model with the core
# profile harness/cores/CORE.core: the mechanism's instructions
# (mech_instr_per_op: verification apart), the traps weighted by the
# profile's penalties (emu_cm_cyc_trap_per_op: trap entries and returns,
# each at its cost), and the whole modelled cost (modelled_cycles over the
# region's ops: instructions, miss and trap cycles). Each cell is adaptive's
# figure and, in brackets, the better side's figure over adaptive's (1 or
# more: adaptive is at least as cheap). The last line names the worst point
# of each figure. One hart, fastpath=1 (both sides at their best),
# sqmode=enter, --notify poll, the steady-state region of scbench. A
# benchmark for reports, not a test.
#   os/tools/adaptive-cost.sh rocket "null echo pingpong" "1 2 4 8 16 32 64 128 256 512"
set -e
core=${1:?usage: adaptive-cost.sh CORE [WORKLOADS] [CONCS]}
workloads=${2:-null echo pingpong}
concs=${3:-1 2 4 8 16 32 64 128 256 512}
scbench=${SCBENCH:-build/scbench}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$scbench" sweep --workload "$(echo $workloads | tr ' ' ,)" --backend sync,async,adaptive \
	--notify poll --conc "$(echo $concs | tr ' ' ,)" --ops "${OPS:-4096}" --knob fastpath=1 \
	--core "$core" -j "${JOBS:-2}" -o "$out/set" >&2
echo "adaptive against the better of sync and async, core $core, fastpath=1, sqmode=enter, one hart"
echo "cells: adaptive's figure per op (better side / adaptive)"
echo
awk -F, -v concs="$concs" -v workloads="$workloads" '
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
$col["status"] == "ok" {
	k = $col["workload"] SUBSEP $col["conc"] SUBSEP $col["backend"]
	f[k, 1] = $col["mech_instr_per_op"]
	f[k, 2] = $col["emu_cm_cyc_trap_per_op"]
	f[k, 3] = $col["modelled_cycles"] / $col["region_ops"]
	have[k] = 1
}
END {
	split("mechanism instructions|traps at their modelled cost|modelled cycles", name, "|")
	nc = split(concs, c, " "); nw = split(workloads, w, " ")
	for (m = 1; m <= 3; m++) {
		printf "%s\n\n| workload |", name[m]
		for (j = 1; j <= nc; j++) printf " %s |", c[j]
		printf "\n|---|"
		for (j = 1; j <= nc; j++) printf "---|"
		printf "\n"
		worst[m] = 1e9
		for (i = 1; i <= nw; i++) {
			printf "| %s |", w[i]
			for (j = 1; j <= nc; j++) {
				a = w[i] SUBSEP c[j] SUBSEP "adaptive"
				s = w[i] SUBSEP c[j] SUBSEP "sync"
				y = w[i] SUBSEP c[j] SUBSEP "async"
				if (!have[a] || (!have[s] && !have[y])) { printf " fails |"; continue }
				best = have[s] ? f[s, m] : f[y, m]
				if (have[y] && f[y, m] < best) best = f[y, m]
				r = f[a, m] > 0 ? best / f[a, m] : 1
				printf " %.1f (%.3f) |", f[a, m], r
				if (r < worst[m]) { worst[m] = r; where[m] = w[i] " at " c[j] }
			}
			printf "\n"
		}
		printf "\n"
	}
	for (m = 1; m <= 3; m++)
		printf "worst, %s: %.3f (%s)\n", name[m], worst[m], where[m]
}' "$out/set/runs.csv"
