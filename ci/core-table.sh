#!/bin/bash
# The tables of docs/results.md, "Modelled cycles", from a result set of
# ci/core.sweep: per workload and concurrency, the modelled cycles per op of
# sync and each async configuration with its ratio to sync (the sync row of
# the same harts and tick), the U-mode misses per op and those the kernel
# caused (pollution, all structures), and the break-even restated under the
# model. usage: ci/core-table.sh RESULT_SET
. "$(dirname "$0")/tap.sh"
set -e
f="$1/runs.csv"
[ -r "$f" ] || { echo "core-table: no $f" >&2; exit 2; }
cols=(workload backend sqmode harts conc status modelled_cycles_per_op instr_per_op traps_per_op
      breakeven_p_trap_core breakeven_core_note)
lv=(l1i l1d itlb dtlb l2)
for l in "${lv[@]}"; do cols+=("emu_cm_${l}_miss_u_per_op" "emu_cm_${l}_poll_per_op" "emu_cm_${l}_coh_per_op"); done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
# A column no row has (no async row yet) is left empty.
for c in "${cols[@]}"; do csv_col "$f" "$c" > "$tmp/$i" 2>/dev/null || :; i=$((i + 1)); done
paste -d'|' $(seq -f "$tmp/%g" 0 $((i - 1))) | awk -F'|' -v nlv=${#lv[@]} '
	$6 != "ok" { next }
	{
		cfg = $2 == "sync" ? "sync" : $3; key = $1 SUBSEP $5
		if ($2 == "sync") cfg = $4 == 2 ? "sync2" : "sync"
		mc[key, cfg] = $7; bk[key, cfg] = $10; note[key, cfg] = $11
		u = 0; p = 0; h = 0
		for (k = 0; k < nlv; k++) { u += $(12 + 3 * k); p += $(13 + 3 * k); h += $(14 + 3 * k) }
		um[key, cfg] = u; pm[key, cfg] = p; cm[key, cfg] = h
		wl[$1] = 1; cc[$5] = 1; seen[key] = 1
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
		}
	}'
