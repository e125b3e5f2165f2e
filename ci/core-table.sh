#!/bin/bash
# The tables of docs/results.md, "Modelled cycles", from a result set of
# ci/core.sweep: per workload and concurrency, the modelled cycles per op of
# sync and each async configuration with its ratio to sync (the sync row of
# the same harts and tick), the U-mode misses per op and those the kernel
# caused (pollution, all structures), and the break-even restated under the
# model. With DATA, also plots/fig_core.gp's data files: DATA-WORKLOAD-1hart.csv
# and DATA-WORKLOAD-2harts.csv, a block per configuration in the form
# scbench plot writes (a "# style KEY" line, the label header, a row per
# concurrency), so that the figure's styles are the map's, and a "# core:"
# line naming the profile that drew them.
# usage: ci/core-table.sh RESULT_SET [DATA]
. "$(dirname "$0")/tap.sh"
set -e
f="$1/runs.csv"
[ -r "$f" ] || { echo "core-table: no $f" >&2; exit 2; }
cols=(target notify workload backend sqmode harts conc status modelled_cycles_per_op instr_per_op traps_per_op
      breakeven_p_trap_core breakeven_core_note core)
lv=(l1i l1d itlb dtlb l2tlb l2)
for l in "${lv[@]}"; do cols+=("emu_cm_${l}_miss_u_per_op" "emu_cm_${l}_poll_per_op" "emu_cm_${l}_coh_per_op"); done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
# A column no row has (no async row yet) is left empty.
for c in "${cols[@]}"; do csv_col "$f" "$c" > "$tmp/$i" 2>/dev/null || :; i=$((i + 1)); done
paste -d'|' $(seq -f "$tmp/%g" 0 $((i - 1))) | awk -F'|' -v nlv=${#lv[@]} -v data="${2:-}" '
	$8 != "ok" { next }
	{
		cfg = $4 == "sync" ? "sync" : $5; key = $3 SUBSEP $7
		if ($4 == "sync") cfg = $6 == 2 ? "sync2" : "sync"
		mc[key, cfg] = $9; bk[key, cfg] = $12; note[key, cfg] = $13
		u = 0; p = 0; h = 0
		for (k = 0; k < nlv; k++) { u += $(15 + 3 * k); p += $(16 + 3 * k); h += $(17 + 3 * k) }
		core = $14
		um[key, cfg] = u; pm[key, cfg] = p; cm[key, cfg] = h
		wl[$3] = 1; cc[$7] = 1; seen[key] = 1; okr[key, cfg] = 1
		# the style key as harness/plotdata.c (style_key) makes it, the label as its curve_label
		st[cfg] = $1 "/" $4 ($5 != "" || $2 != "" ? "/" $5 "/" $2 : "")
		lb[cfg] = $4 ($5 != "" || $2 != "" ? " " $5 "/" $2 : "") ($6 > 1 ? " " $6 " harts" : "")
	}
	function f(x) { return x == "" ? "-" : sprintf("%.0f", x) }
	function r(a, s) { return a == "" || s == "" || s == 0 ? "-" : sprintf("%.2f", a / s) }
	function g(x) { return x == "" ? "-" : sprintf("%.2f", x) }
	END {
		n = 0; for (c in cc) list[n++] = c + 0
		for (a = 0; a < n; a++) for (b = a + 1; b < n; b++) if (list[b] < list[a]) { t = list[a]; list[a] = list[b]; list[b] = t }
		split("null echo pingpong", order, " ")
		for (o = 1; o <= 3; o++) {
			w = order[o]; if (!(w in wl)) continue
			printf "\n%s: modelled cycles per op (ratio async/sync)\n\n", w
			print "| conc | sync | enter | worker | sync, 2 harts | poller |"
			print "| --- | --- | --- | --- | --- | --- |"
			for (a = 0; a < n; a++) {
				k = w SUBSEP list[a]; if (!(k in seen)) continue
				printf "| %d | %s | %s (%s) | %s (%s) | %s | %s (%s) |\n", list[a], f(mc[k, "sync"]),
					f(mc[k, "enter"]), r(mc[k, "enter"], mc[k, "sync"]),
					f(mc[k, "worker"]), r(mc[k, "worker"], mc[k, "sync"]), f(mc[k, "sync2"]),
					f(mc[k, "poller"]), r(mc[k, "poller"], mc[k, "sync2"])
			}
			printf "\n%s: U-mode misses per op, of which the kernel caused (pollution) [another hart'"'"'s stores]\n\n", w
			print "| conc | sync | enter | worker | sync, 2 harts | poller |"
			print "| --- | --- | --- | --- | --- | --- |"
			for (a = 0; a < n; a++) {
				k = w SUBSEP list[a]; if (!(k in seen)) continue
				printf "| %d", list[a]
				split("sync enter worker sync2 poller", cf, " ")
				for (q = 1; q <= 5; q++)
					printf " | %s", (k SUBSEP cf[q]) in um ? sprintf("%s (%s) [%s]", g(um[k, cf[q]]), g(pm[k, cf[q]]), g(cm[k, cf[q]])) : "-"
				print " |"
			}
			printf "\n%s: break-even trap penalty on top of the model (cycles per trap)\n\n", w
			print "| conc | enter | worker | poller |"
			print "| --- | --- | --- | --- |"
			for (a = 0; a < n; a++) {
				k = w SUBSEP list[a]; if (!(k in seen)) continue
				printf "| %d", list[a]
				split("enter worker poller", cf, " ")
				for (q = 1; q <= 3; q++)
					printf " | %s", bk[k, cf[q]] != "" ? f(bk[k, cf[q]]) : note[k, cf[q]] != "" ? note[k, cf[q]] : "-"
				print " |"
			}
			if (data != "") {
				plotdata(data "-" w "-1hart.csv", w, list, n, "sync enter worker")
				plotdata(data "-" w "-2harts.csv", w, list, n, "sync2 poller")
			}
		}
	}
	# A block per configuration that has a row, two blank lines apart.
	function plotdata(file, w, list, n, cfgs,    cf, q, a, k, nb, c, had) {
		printf "# core: %s\n", core > file
		nb = split(cfgs, cf, " ")
		for (q = 1; q <= nb; q++) {
			c = cf[q]; had = 0
			for (a = 0; a < n; a++) if ((w SUBSEP list[a] SUBSEP c) in okr) had = 1
			if (!had) continue
			if (wrote[file]++) printf "\n\n" >> file
			printf "# style %s\n%s,conc,modelled_cycles_per_op,modelled_cycles_per_op_lo,modelled_cycles_per_op_hi,miss_u_per_op,miss_u_per_op_lo,miss_u_per_op_hi,poll_per_op,poll_per_op_lo,poll_per_op_hi\n", st[c], lb[c] >> file
			for (a = 0; a < n; a++) {
				k = w SUBSEP list[a]
				if ((k SUBSEP c) in okr)
					printf "%s,%d,%s,,,%s,,,%s,,\n", lb[c], list[a], mc[k, c], um[k, c], pm[k, c] >> file
			}
		}
		close(file)
	}'
