#!/bin/bash
# A sweep spread over machines: --shard K/N runs a deterministic share of
# the points, scbench merge joins the shares, and the merged set is the one
# the unsharded sweep writes, bit for bit on icount points (all but the wall
# time of each run). merge refuses sets that do not belong together. Uses
# the fake QEMU.
# usage: shard.sh SCBENCH
. "$(dirname "$0")/fake-env.sh" "$1"
# Sync and async side by side, so the break-even (a figure across rows)
# pairs rows that land in different shards.
SW=(--qemu "$FAKE" --kernel "$tmp/kernel" --workload echo,pingpong --backend sync,async
    --sqmode enter,worker --conc 1..8 --ops 120)

# A CSV without the columns of wall-clock time, the only figures that
# differ from run to run under -icount, and without run_order: when a run
# started is the shard's own count, not a result.
no_wall() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i !~ /^run_wall_ns|^run_order$/) keep[++n] = i }
		 { s = ""; for (j = 1; j <= n; j++) s = s (j > 1 ? "," : "") $keep[j]; print s }' "$1"
}

"$S" sweep "${SW[@]}" -o "$tmp/whole" 2>/dev/null
total=$(csv_rows "$tmp/whole/runs.csv")
for k in 1 2 3; do
	"$S" sweep "${SW[@]}" --shard "$k/3" -o "$tmp/part$k" 2>/dev/null || not_ok "shard $k/3 exits 0"
done
n1=$(csv_rows "$tmp/part1/runs.csv") n2=$(csv_rows "$tmp/part2/runs.csv") n3=$(csv_rows "$tmp/part3/runs.csv")
check "three shards share the $total points ($n1 + $n2 + $n3)" \
	test $((n1 + n2 + n3)) -eq "$total" -a "$n1" -gt 0 -a "$n2" -gt 0 -a "$n3" -gt 0
dup=$(cat "$tmp"/part*/logs/* | grep '^# scbench: /' | sort | uniq -d)
check "no point in two shards" test -z "$dup"
"$S" sweep "${SW[@]}" --shard 2/3 --dry-run >"$tmp/dry1"
"$S" sweep "${SW[@]}" --shard 2/3 --dry-run >"$tmp/dry2"
check "a shard is the same points every time" \
	test "$(wc -l <"$tmp/dry1")" -eq "$n2" -a -z "$(diff "$tmp/dry1" "$tmp/dry2")"

"$S" merge "$tmp/merged" "$tmp/part3" "$tmp/part1" "$tmp/part2" 2>"$tmp/merge.err"
check "merge of the three shards exits 0" test $? -eq 0
check "merged runs.csv = the unsharded sweep's, bit for bit but wall time" \
	diff <(no_wall "$tmp/whole/runs.csv") <(no_wall "$tmp/merged/runs.csv")
check "merged summary.csv = the unsharded sweep's, but wall time" \
	diff <(no_wall "$tmp/whole/summary.csv") <(no_wall "$tmp/merged/summary.csv")
check "merged logs: the same names, each whole" \
	diff <(ls "$tmp/whole/logs") <(ls "$tmp/merged/logs")
check "merged meta.json lists its sources" grep -q '"merged_from"' "$tmp/merged/meta.json"

# A shard missing: the merge says so, and --resume of the merge runs it.
"$S" merge "$tmp/two" "$tmp/part1" "$tmp/part2" 2>"$tmp/two.err"
check "merge of 2 of 3 shards names the missing points" \
	grep -q "$n3 of the sweep's $total points are in none of the sets" "$tmp/two.err"
"$S" sweep --resume "$tmp/two" 2>"$tmp/two-resume.err"
check "resume of that merge runs the missing shard and equals the whole sweep" \
	diff <(no_wall "$tmp/whole/runs.csv") <(no_wall "$tmp/two/runs.csv")

# Sets of two sweeps: one after the other, in the order given; the merge
# records no single sweep, so it cannot be resumed.
"$S" sweep --qemu "$FAKE" --kernel "$tmp/kernel" --workload null --backend sync --conc 1,2 --ops 50 \
	-o "$tmp/other" 2>/dev/null
"$S" merge "$tmp/mixed" "$tmp/other" "$tmp/part1" 2>/dev/null
want=$( (csv_col "$tmp/other/runs.csv" workload; csv_col "$tmp/part1/runs.csv" workload) | tr '\n' ' ')
check "sets of two sweeps: rows in the order given" \
	test "$(csv_col "$tmp/mixed/runs.csv" workload | tr '\n' ' ')" = "$want"
"$S" sweep --resume "$tmp/mixed" 2>"$tmp/mixed.err"
check "... and its merge cannot be resumed (exit $?)" grep -q "no record of its sweep" "$tmp/mixed.err"

# ---- bad input: exit 2 with a message, nothing written ---------------------
# bad NAME WANT ARGS...: merge ARGS exits 2 and says WANT.
bad() {
	local name="$1" want="$2"
	shift 2
	"$S" merge "$@" 2>"$tmp/bad.err"
	local rc=$?
	if [ "$rc" -eq 2 ] && grep -qF -- "$want" "$tmp/bad.err"; then
		ok "merge refuses $name ($(head -1 "$tmp/bad.err"))"
	else
		not_ok "merge refuses $name" "exit $rc" "$(cat "$tmp/bad.err")"
	fi
}
cp -r "$tmp/part1" "$tmp/again"
bad "a point in two sets" "is in $tmp/part1 and in $tmp/again" "$tmp/o1" "$tmp/part1" "$tmp/again"
check "... and writes nothing" test ! -e "$tmp/o1/runs.csv"
cp -r "$tmp/part2" "$tmp/other-commit"
sed -i 's/"commit": "[^"]*"/"commit": "0123abc"/' "$tmp/other-commit/meta.json"
bad "another commit" "commit differs" "$tmp/o2" "$tmp/part1" "$tmp/other-commit"
cp -r "$tmp/part2" "$tmp/other-qemu"
sed -i 's/"qemu": "[^"]*"/"qemu": "QEMU emulator version 0.1"/' "$tmp/other-qemu/meta.json"
bad "another QEMU" "tools.qemu differs" "$tmp/o3" "$tmp/part1" "$tmp/other-qemu"
cp -r "$tmp/part2" "$tmp/other-cost"
sed -i 's/"p_trap": [0-9.]*/"p_trap": 100.0/' "$tmp/other-cost/meta.json"
bad "another cost model" "cost_model.p_trap differs" "$tmp/o4" "$tmp/part1" "$tmp/other-cost"
cp -r "$tmp/part2" "$tmp/other-schema"
sed -i '1s/^schema_version,target,workload/schema_version,workload,target/' "$tmp/other-schema/runs.csv"
bad "another schema" "column 2 is 'workload', the schema has 'target'" "$tmp/o5" "$tmp/part1" "$tmp/other-schema"
bad "an OUT that holds a set" "already holds a result set" "$tmp/whole" "$tmp/part1"
bad "a folder that is no set" "meta.json" "$tmp/o6" "$tmp/part1" "$tmp/nothing-here"
bad "no set to merge" "want OUT and at least one result set" "$tmp/o7"
echo x >"$tmp/afile"
bad "an OUT that is a file" "cannot create $tmp/afile/logs" "$tmp/afile" "$tmp/part1"
for arg in 0/3 4/3 1/0 3 a/b 1/3x; do
	"$S" sweep "${SW[@]}" --shard "$arg" -o "$tmp/never" 2>"$tmp/shard.err"
	rc=$?
	[ "$rc" -eq 2 ] && grep -q -- "--shard: '$arg' is not K/N" "$tmp/shard.err" ||
		not_ok "--shard $arg is a usage error" "exit $rc" "$(cat "$tmp/shard.err")"
done
check "bad --shard values are usage errors, before anything runs" test ! -e "$tmp/never"
finish
