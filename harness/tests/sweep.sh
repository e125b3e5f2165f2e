#!/bin/bash
# End to end on a fake QEMU (works without a kernel): a tiny sweep, its CSV,
# its figures, named sweeps, repetitions, the cost model, compare,
# and the host target on a fake workload binary.
# usage: sweep.sh SCBENCH
. "$(dirname "$0")/../../ci/tap.sh"
S="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
FAKE="$HERE/fake-qemu"
need_exec "scbench binary" "$S"
S="$(cd "$(dirname "$S")" && pwd)/$(basename "$S")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
touch "$tmp/kernel"
F=(--qemu "$FAKE" --kernel "$tmp/kernel")

# ---- a tiny sweep -------------------------------------------------------
R="$tmp/tiny"
"$S" sweep "${F[@]}" --workload echo,pingpong --backend sync,async --sqmode enter,worker \
	--conc 1..4 --ops 120 -o "$R" 2>"$tmp/tiny.err"
check "tiny sweep exits 0" test $? -eq 0
check "runs.csv starts with schema_version" test "$(head -c 15 "$R/runs.csv")" = "schema_version,"
check "one row per point (2 workloads x 3 configurations x 3 conc)" test "$(csv_rows "$R/runs.csv")" -eq 18
check "every row ok" test "$(csv_col "$R/runs.csv" status | sort -u)" = "ok"
# Derived figures against the fake's known counts: sync traps 2 per op,
# instructions 1500 per op + 100 per task.
i=$(paste -d' ' <(csv_col "$R/runs.csv" backend) <(csv_col "$R/runs.csv" conc) \
	<(csv_col "$R/runs.csv" instr_per_op) <(csv_col "$R/runs.csv" traps_per_op) | grep '^sync 4 ' | head -1)
check "derived per-op figures ($i)" test "$i" = "sync 4 1503.333333 2"
for col in instr_per_op traps_per_op ecalls_per_op ctx_per_op timeout_rate ops_per_vsec \
	   syscalls_per_op ops_per_sec modelled_cycles_per_op breakeven_p_trap breakeven_note \
	   run_wall_ns log_file status reason; do
	csv_col "$R/runs.csv" $col >/dev/null 2>&1 || not_ok "column $col present"
done
ok "columns with units present"
be=$(paste -d' ' <(csv_col "$R/runs.csv" backend) <(csv_col "$R/runs.csv" conc) \
	<(csv_col "$R/runs.csv" breakeven_p_trap) | awk '$1 == "async" && $2 == 4 { print $3; exit }')
# fake async at conc 4, 120 ops: instr 1800*120+8000 -> 1866.67/op, traps 61 -> 0.50833/op;
# sync: 1503.33/op, 2/op -> (1866.67-1503.33)/(2-0.50833) = 243.58
check "break-even penalty against sync ($be)" test "${be%%.*}" = 243
n=$(csv_col "$R/runs.csv" breakeven_note | grep -c "async traps more")
check "break-even says which way when the denominator is not positive" test "$n" -ge 1
check "summary.csv and meta.json written" test -s "$R/summary.csv" -a -s "$R/meta.json"
check "no temporary file left" test -z "$(find "$R" -name '*.tmp*')"
check "a log per point" test "$(ls "$R/logs" | wc -l)" -eq 18
for key in commit command_line started finished uname host tools qemu gnuplot; do
	grep -q "\"$key\"" "$R/meta.json" || { [ "$key" = uname ] && continue; not_ok "meta.json has $key"; }
done
ok "meta.json keys"

# ---- figures ------------------------------------------------------------
P="$tmp/figs"
"$S" plot "$R" -o "$P" 2>"$tmp/plot.err"
check "plot exits 0" test $? -eq 0
missing=""
for wl in echo pingpong; do
	for fig in throughput instr traps breakeven; do
		for ext in svg png; do
			f="$P/refos-$wl-s64-$fig.$ext"
			[ -s "$f" ] || missing="$missing $f"
		done
	done
done
check "every figure exists and is not empty${missing:+ (missing:$missing)}" test -z "$missing"
check "PNG files are PNG" test "$(head -c 4 "$P/refos-echo-s64-throughput.png" | tail -c 3)" = "PNG"
check "SVG files are SVG" grep -q '<svg' "$P/refos-echo-s64-traps.svg"
check "Markdown summary" grep -q '^| async enter/poll | 4 |' "$P/summary.md"
# The script stands alone: gnuplot -c script data out column scale label.
gnuplot -c "$HERE/../../plots/curves.gp" "$P/data/refos-echo-s64-traps.csv" "$tmp/alone.svg" \
	traps_per_op log "traps per op" 2>/dev/null
check "a script runs alone with gnuplot -c" test -s "$tmp/alone.svg"
gnuplot -c "$HERE/../../plots/curves.gp" "$tmp/nope.csv" "$tmp/x.svg" traps_per_op log "traps" 2>"$tmp/gp.err"
check "a script stops with a message when its data is missing" grep -q "cannot read data file" "$tmp/gp.err"

# ---- compare ------------------------------------------------------------
"$S" compare "$R" "$R" > "$tmp/cmp.csv" 2>/dev/null
check "compare of a set with itself: 18 points, every ratio 1" \
	test "$(csv_rows "$tmp/cmp.csv")" -eq 18 -a "$(csv_col "$tmp/cmp.csv" instr_per_op_ratio | sort -u)" = 1
"$S" sweep "${F[@]}" --workload echo --backend sync --conc 1..4 --ops 240 -o "$tmp/b" 2>/dev/null
"$S" compare "$R" "$tmp/b" --format md > "$tmp/cmp.md" 2>"$tmp/cmp.err"
check "compare matches points and reports one-sided ones" grep -q "0 points in common, 18 only in A, 3 only in B" "$tmp/cmp.err"

# ---- named sweep (config file) -----------------------------------------
cat > "$tmp/two.sweep" <<'SWEEP'
# two blocks sharing global settings
name twoblocks
ops 60
[sync]
workload echo
backend sync
conc 1,2
[null]
workload null
backend sync,async
conc 8
SWEEP
(cd "$tmp" && "$S" sweep "${F[@]}" --config two.sweep 2>/dev/null)
check "a named sweep writes results/NAME" test -s "$tmp/results/twoblocks/runs.csv"
check "blocks expand separately (2 + 2 points)" test "$(csv_rows "$tmp/results/twoblocks/runs.csv")" -eq 4
check "global settings reach every block" test "$(csv_col "$tmp/results/twoblocks/runs.csv" ops | sort -u)" = 60
(cd "$tmp" && "$S" sweep "${F[@]}" --config two.sweep --ops 30 -o over 2>/dev/null)
check "flags override the file" test "$(csv_col "$tmp/over/runs.csv" ops | sort -u)" = 30

# ---- repetitions ---------------------------------------------------------
"$S" run "${F[@]}" --reps 3 --format csv > "$tmp/reps.csv" 2>"$tmp/reps.err"
check "icount reps > 1 warns and runs once" \
	test "$(csv_rows "$tmp/reps.csv")" -eq 1 -a -n "$(grep 'repeats exactly' "$tmp/reps.err")"
"$S" sweep "${F[@]}" --backend sync --reps 3 --no-icount -o "$tmp/wall" --conc 2 2>/dev/null
check "wall-clock reps run and are summarised" \
	test "$(csv_rows "$tmp/wall/runs.csv")" -eq 3 -a "$(csv_col "$tmp/wall/summary.csv" runs)" = 3
check "summary has median and MAD" test -n "$(csv_col "$tmp/wall/summary.csv" instr_per_op_median)" -a \
	"$(csv_col "$tmp/wall/summary.csv" instr_per_op_mad)" = 0
check "summary has the median's interval, one value when the runs agree" \
	test "$(csv_col "$tmp/wall/summary.csv" instr_per_op_ci_lo)/$(csv_col "$tmp/wall/summary.csv" instr_per_op_ci_hi)" = \
	"$(csv_col "$tmp/wall/summary.csv" instr_per_op_median)/$(csv_col "$tmp/wall/summary.csv" instr_per_op_median)"

# ---- cost model ------------------------------------------------------------
"$S" run "${F[@]}" --ops 100 --p-trap 100 --p-as 7 --format csv > "$tmp/cost.csv" 2>/dev/null
m=$(csv_col "$tmp/cost.csv" modelled_cycles_per_op)
check "modelled cycles = instr + P_trap traps ($m)" test "$m" = "$((1500 + 1 + 2 * 100))"
check "penalties recorded per row" test "$(csv_col "$tmp/cost.csv" p_trap)/$(csv_col "$tmp/cost.csv" p_as)" = "100/7"
"$S" run "${F[@]}" --format csv > "$tmp/nocost.csv" 2>/dev/null
check "default penalties are zero: model = instructions" \
	test "$(csv_col "$tmp/nocost.csv" modelled_cycles_per_op)" = "$(csv_col "$tmp/nocost.csv" instr_per_op)"
printf 'source = a test\np_trap = 50\n' > "$tmp/t.profile"
"$S" run "${F[@]}" --profile "$tmp/t.profile" --format csv > "$tmp/prof.csv" 2>/dev/null
check "a profile sets penalties" test "$(csv_col "$tmp/prof.csv" p_trap)" = 50
"$S" run "${F[@]}" --profile "$tmp/t.profile" --p-trap 5 --format csv > "$tmp/prof2.csv" 2>/dev/null
check "flags override a profile" test "$(csv_col "$tmp/prof2.csv" p_trap)" = 5

# ---- output formats ----------------------------------------------------------
"$S" run "${F[@]}" --format json > "$tmp/run.json" 2>/dev/null
check "run --format json" grep -q '"status": "ok"' "$tmp/run.json"
"$S" run "${F[@]}" --format md > "$tmp/run.md" 2>/dev/null
check "run --format md" grep -q '^| refos | echo | sync |' "$tmp/run.md"

# ---- host target on a fake workload binary ----------------------------------
"$S" sweep --target host --host-bin "$HERE/fake-wl-host" --workload echo --conc 1,2 --ops 100 \
	--trace -o "$tmp/host" 2>/dev/null
check "host sweep: 4 backends x 2 conc, all ok" \
	test "$(csv_rows "$tmp/host/runs.csv")" -eq 8 -a "$(csv_col "$tmp/host/runs.csv" status | sort -u)" = ok
check "host ops_per_sec from wall_ns" test "$(csv_col "$tmp/host/runs.csv" ops_per_sec | sort -u)" = 1000000
check "host syscalls_per_op" test "$(csv_col "$tmp/host/runs.csv" syscalls_per_op | sort -u)" = 3
"$S" plot "$tmp/host" -o "$tmp/hostfigs" 2>/dev/null
missing=""
for fig in throughput syscalls ctx; do
	for ext in svg png; do
		[ -s "$tmp/hostfigs/host-echo-s64-$fig.$ext" ] || missing="$missing $fig.$ext"
	done
done
check "host figures exist${missing:+ (missing:$missing)}" test -z "$missing"
"$S" run --target host --host-bin "$tmp/no-such-binary" 2>"$tmp/nohost.err" >/dev/null
check "missing host binary: skipped with a message" grep -q "not found.*skipping 1 host point" "$tmp/nohost.err"
finish
