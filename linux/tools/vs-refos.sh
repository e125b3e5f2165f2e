#!/bin/bash
# The data of docs/results.md's "Linux on the same machine" figure, from a
# result set holding both targets (ci/figures-linux.sweep): one CSV per
# workload and measure, in the layout of scbench plot's data files (a block
# per configuration, refos sync, refos async enter/poll, linux sync, epoll,
# uring: its "# style" key, a header of its label, conc and the measure, a
# row per concurrency), so that plots/style.gp draws them as it draws any.
# Both targets' counts are the emulator plugin's, so they are measured the
# same way:
#   WORKLOAD-instr.csv     instructions per op (emu_instr / region_ops)
#   WORKLOAD-switches.csv  privilege switches per op, every direction (U<->S,
#                          S<->M, U<->M) between executed blocks
#   WORKLOAD-kernel.csv    S-mode instructions per op (emu_instr_s / region_ops)
# usage: vs-refos.sh RUNS.CSV OUTDIR
set -eu
runs=$1 out=$2
mkdir -p "$out"
awk -F, -v out="$out" '
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
$c["status"] == "ok" {
	# The label of the configuration; with slashes for spaces, its key in
	# plots/styles.gp.
	cfg = $c["target"] " " $c["backend"] ($c["sqmode"] != "" ? " " $c["sqmode"] "/" $c["notify"] : "")
	w = $c["workload"]; n = $c["conc"]; ops = $c["region_ops"]
	sw = $c["emu_sw_us"] + $c["emu_sw_su"] + $c["emu_sw_sm"] + $c["emu_sw_ms"] + $c["emu_sw_um"] + $c["emu_sw_mu"]
	v["instr", w, cfg, n] = $c["emu_instr"] / ops
	v["switches", w, cfg, n] = sw / ops
	v["kernel", w, cfg, n] = $c["emu_instr_s"] / ops
	ws[w] = 1; concs[n + 0] = 1
}
END {
	ncfg = split("refos sync,refos async enter/poll,linux sync,linux epoll,linux uring", cfgs, ",")
	nm = split("instr switches kernel", ms, " ")
	for (w in ws) for (m = 1; m <= nm; m++) {
		f = out "/" w "-" ms[m] ".csv"
		printf "" > f
		for (k = 1; k <= ncfg; k++) {
			style = cfgs[k]; gsub(/ /, "/", style)
			# no interval: each point is one exact run
			printf "%s# style %s\n%s,conc,%s,%s_lo,%s_hi\n", (k > 1 ? "\n\n" : ""), style, cfgs[k], ms[m], ms[m], ms[m] > f
			for (n = 1; n <= 4096; n *= 2) {
				key = ms[m] SUBSEP w SUBSEP cfgs[k] SUBSEP n
				if (key in v) printf "%s,%d,%.5g,,\n", cfgs[k], n, v[key] > f
			}
		}
		close(f)
	}
}' "$runs"
