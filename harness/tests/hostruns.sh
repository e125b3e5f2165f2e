#!/bin/bash
# How host points run, on the fake wl-host (it records each start in
# $FAKE_STARTED): --warmup's runs happen and leave no rows, repetitions run
# interleaved and each row says when it ran, --cpus reaches wl-host's
# --pin, and a plan with a host point runs one point at a time.
# usage: hostruns.sh SCBENCH
. "$(dirname "$0")/fake-env.sh"
HOST="$(dirname "$FAKE")/fake-wl-host"
export FAKE_STARTED="$tmp/started"
H=(--target host --host-bin "$HOST" --workload echo --backend sync --ops 10)

# column FILE NAME, in run_order
by_order() { paste -d' ' <(csv_col "$1" run_order) <(csv_col "$1" "$2") | sort -n | cut -d' ' -f2 | tr '\n' ' '; }

# Warm-up: 2 uncounted runs before each of the 2 x 2 counted ones.
rm -f "$FAKE_STARTED"
"$S" sweep "${H[@]}" --conc 1,2 --reps 2 --warmup 2 -o "$tmp/w" 2>"$tmp/err"
check "--warmup 2: 3 starts per counted run ($(wc -l < "$FAKE_STARTED") of 12)" \
	test "$(wc -l < "$FAKE_STARTED")" -eq 12
check "--warmup 2: only the counted runs are rows ($(csv_rows "$tmp/w/runs.csv") of 4)" \
	test "$(csv_rows "$tmp/w/runs.csv")" -eq 4
check "--warmup 2: meta.json's sweep.warmup is 2" \
	test "$(jq .sweep.warmup "$tmp/w/meta.json")" = 2
# Each point's starts come three in a row: its warm-ups, then it.
runs=$(sed 's/.*--conc \([0-9]*\).*/\1/' "$FAKE_STARTED" | tr '\n' ' ')
check "--warmup 2: warm-ups right before their run ($runs)" \
	test "$runs" = "1 1 1 2 2 2 1 1 1 2 2 2 "
log=$(ls "$tmp/w/logs/"*-c1-*-r0.log)
check "--warmup 2: the log holds the warm-up consoles" \
	test "$(grep -c '^# scbench: warm-up run' "$log")" -eq 2 -a "$(grep -c '^@run' "$log")" -eq 3

# A warm-up that fails is the point's failure, with its reason.
rm -f "$FAKE_STARTED"
FAKE_FAIL_START=1 "$S" sweep "${H[@]}" --conc 1 --warmup 1 -o "$tmp/wf" 2>"$tmp/err"
rc=$?
reason=$(csv_col "$tmp/wf/runs.csv" reason)
check "a failed warm-up fails the point (exit $rc: $reason)" \
	test $rc -eq 1 -a "$(csv_col "$tmp/wf/runs.csv" status)" = failed
check "... and says it was the warm-up" grep -q "^warm-up run 1 of 1: no @run line (exit status 3)" <<<"$reason"

# Interleaved: rep 0 of every point, then rep 1, then rep 2.
rm -f "$FAKE_STARTED"
"$S" sweep "${H[@]}" --conc 1,2,4 --reps 3 -o "$tmp/i" 2>"$tmp/err"
started=$(sed 's/.*--conc \([0-9]*\).*/\1/' "$FAKE_STARTED" | tr '\n' ' ')
check "--reps 3: started interleaved ($started)" test "$started" = "1 2 4 1 2 4 1 2 4 "
check "run_order: every run once, 1..9" \
	test "$(csv_col "$tmp/i/runs.csv" run_order | sort -n | tr '\n' ' ')" = "1 2 3 4 5 6 7 8 9 "
check "run_order: reps by run_order ($(by_order "$tmp/i/runs.csv" rep))" \
	test "$(by_order "$tmp/i/runs.csv" rep)" = "0 0 0 1 1 1 2 2 2 "
check "run_order: conc by run_order" \
	test "$(by_order "$tmp/i/runs.csv" conc)" = "1 2 4 1 2 4 1 2 4 "
check "meta.json's sweep.rep_order says interleaved" \
	test "$(jq -r .sweep.rep_order "$tmp/i/meta.json")" = interleaved
check "without --warmup, meta.json says 0" test "$(jq .sweep.warmup "$tmp/i/meta.json")" = 0
check "summary.csv: one row per point over the interleaved reps" \
	test "$(csv_rows "$tmp/i/summary.csv")" -eq 3

# Resumed: the missing reps run (interleaved still), counting on.
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "rep") c = i; print; next } $c != 0' \
	"$tmp/i/runs.csv" > "$tmp/i/runs.tmp" && mv "$tmp/i/runs.tmp" "$tmp/i/runs.csv"
rm -f "$FAKE_STARTED"
"$S" sweep --resume "$tmp/i" 2>"$tmp/err"
check "resume: the 3 missing runs ran ($(wc -l < "$FAKE_STARTED" 2>/dev/null))" \
	test "$(wc -l < "$FAKE_STARTED")" -eq 3 -a "$(csv_rows "$tmp/i/runs.csv")" -eq 9
check "resume: they count on from the set's runs ($(by_order "$tmp/i/runs.csv" rep | tr -d ' '))" \
	test "$(csv_col "$tmp/i/runs.csv" run_order | sort -n | tr '\n' ' ')" = "4 5 6 7 8 9 10 11 12 "

# Shards and merge: each shard interleaves its own points.
for k in 1 2; do
	"$S" sweep "${H[@]}" --conc 1,2 --reps 2 --warmup 1 --shard $k/2 -o "$tmp/sh$k" 2>"$tmp/err"
done
"$S" merge "$tmp/m" "$tmp/sh1" "$tmp/sh2" 2>"$tmp/err"
check "shards with --warmup merge: 4 rows, warmup kept ($(csv_rows "$tmp/m/runs.csv" 2>/dev/null) rows)" \
	test "$(csv_rows "$tmp/m/runs.csv")" -eq 4 -a "$(jq .sweep.warmup "$tmp/m/meta.json")" = 1
"$S" compare "$tmp/sh1" "$tmp/sh1" >"$tmp/cmp" 2>&1
check "compare takes an interleaved set" grep -q "no-difference" "$tmp/cmp"

# --cpus: wl-host's --pin, the row's pin, meta.json's sweep.cpus.
rm -f "$FAKE_STARTED"
"$S" sweep "${H[@]}" --conc 1 --cpus 0 -o "$tmp/c" 2>"$tmp/err"
check "--cpus 0 reaches wl-host as --pin 0" grep -q -- "--pin 0$" "$FAKE_STARTED"
check "--cpus 0: the row's pin is 0" test "$(csv_col "$tmp/c/runs.csv" pin)" = 0
check "--cpus 0: meta.json's sweep.cpus is 0" test "$(jq -r .sweep.cpus "$tmp/c/meta.json")" = 0
check "--cpus 0: the dry run shows --pin 0" \
	grep -q -- "--pin 0$" <("$S" run "${H[@]}" --cpus 0 --dry-run)
FAKE_PIN=7 "$S" sweep "${H[@]}" --conc 1 --cpus 0 -o "$tmp/cp" 2>"$tmp/err"
check "a wl-host that pins elsewhere fails the row" \
	test "$(csv_col "$tmp/cp/runs.csv" reason)" = "@run says pin=7, asked for 0"
# wl-host's --pin takes 64 CPUs at most: more is refused before anything
# runs, whatever this machine has.
err=$("$S" run "${H[@]}" --cpus 0-64 --dry-run 2>&1 >/dev/null)
check "--cpus listing 65 CPUs is refused, exit 2" test $? -eq 2
check "--cpus listing 65 CPUs: the reason names the option and the limit" \
	grep -q -- "--cpus: '0-64' lists 65 CPUs; at most 64" <<<"$err"
if [ "$(nproc)" -ge 2 ]; then
	"$S" run "${H[@]}" --cpus 1-0 --dry-run >/dev/null 2>&1
	check "--cpus 1-0 (descending) is refused" test $? -eq 2
	check "--cpus 0-1 is 0,1 for wl-host" \
		grep -q -- "--pin 0,1$" <("$S" run "${H[@]}" --cpus 0-1 --dry-run)
	if command -v taskset >/dev/null; then
		err=$(taskset -c 0 "$S" run "${H[@]}" --cpus 1 --dry-run 2>&1 >/dev/null)
		check "--cpus outside scbench's affinity mask is refused" \
			grep -q -- "--cpus: CPU 1 is not one this process may run on" <<<"$err"
	else
		skip "--cpus outside the affinity mask" "no taskset"
	fi
else
	skip "--cpus ranges" "one CPU online"
	skip "--cpus 0-1" "one CPU online"
fi

# One point at a time with a host point, unless -j says.
check "a host sweep runs one point at a time" test "$(jq .jobs "$tmp/i/meta.json")" = 1
"$S" sweep "${H[@]}" --conc 1,2 -j 2 -o "$tmp/j" 2>/dev/null
check "-j 2 still runs two" test "$(jq .jobs "$tmp/j/meta.json")" = 2
"$S" sweep --qemu "$FAKE" --kernel "$tmp/kernel" --target refos,host --host-bin "$HOST" \
	--backend sync --conc 1 --ops 10 -o "$tmp/mix" 2>/dev/null
check "a mixed refos and host sweep too" test "$(jq .jobs "$tmp/mix/meta.json")" = 1
"$S" sweep --qemu "$FAKE" --kernel "$tmp/kernel" --backend sync --conc 1,2 --ops 10 \
	-o "$tmp/r" 2>/dev/null
check "a refos sweep keeps a point per core ($(jq .jobs "$tmp/r/meta.json") of $(nproc))" \
	test "$(jq .jobs "$tmp/r/meta.json")" = "$(nproc)"
finish
