#!/bin/bash
# The performance gate: the quick gate on the real kernel passes against the
# committed baseline, and the gate can fail: an impossible limit, a grown
# figure, a rule that selects nothing, a vanished point each exit 1 with a
# FAIL line naming the point, the metric, the values and the limit. Bad rule
# files are usage errors naming the line.
# usage: gate.sh SCBENCH KERNEL
. "$(dirname "$0")/../../ci/tap.sh"
S="$1" K="$2"
need_exec "scbench binary" "$S"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

help=$("$S" gate --help)
check "gate --help ends with examples" test -n "$(tail -3 <<<"$help" | grep 'scbench gate')"
printf 'require conc>=1\n' > "$tmp/short.rules"
err=$("$S" gate --rules "$tmp/short.rules" 2>&1 >/dev/null)
check "a rule without METRIC OP VALUE is a usage error naming the line" \
	test $? -eq 2 -a -n "$(grep -F "short.rules:1: want: require" <<<"$err")"
printf '# ok\n\nrequire traps_per_op => 1\n' > "$tmp/op.rules"
err=$("$S" gate --rules "$tmp/op.rules" 2>&1 >/dev/null)
check "an unknown operator is a usage error naming the line" \
	test $? -eq 2 -a -n "$(grep -F "op.rules:3: '=>' is not an operator" <<<"$err")"

names=("the quick gate passes on this build" "an impossible require limit fails the gate"
       "correct limits pass" "a figure grown past the baseline fails the gate"
       "a rule that selects no row fails the gate" "a baseline point not measured fails the gate"
       "--write-baseline writes what the gate then passes"
       "a gate whose sweep cannot start fails, whatever an older set says")
if [ ! -r "$K" ] || ! command -v qemu-system-riscv64 >/dev/null; then
	why="no kernel at $K or no qemu-system-riscv64 (make deps; make)"
	for n in "${names[@]}"; do skip "$n" "$why"; done
	finish
	exit
fi

start=$(date +%s)
"$S" gate --kernel "$K" -o "$tmp/set" > "$tmp/gate.out" 2>"$tmp/gate.err"
rc=$? took=$(($(date +%s) - start))
if [ $rc -eq 0 ] && grep -q "^scbench gate: passed" "$tmp/gate.out"; then
	ok "${names[0]} (${took}s, $(csv_rows "$tmp/set/runs.csv") points)"
else
	not_ok "${names[0]}" "exit $rc" "$(grep FAIL "$tmp/gate.out" | head -5)" "$(tail -3 "$tmp/gate.err")"
fi

# fails NAME REGEX ARGS...: exit 1 and a FAIL line matching REGEX
fails() {
	local name="$1" needle="$2"
	shift 2
	"$S" gate --results "$tmp/set" "$@" > "$tmp/out" 2>&1
	local rc=$?
	if [ $rc -eq 1 ] && grep '^FAIL' "$tmp/out" | grep -qE -- "$needle"; then
		ok "$name"
	else
		not_ok "$name" "exit $rc (want 1), wanted a FAIL line with: $needle" "$(head -5 "$tmp/out")"
	fi
}

# Sync pingpong takes at least 4 traps per op: a limit of 1 cannot hold.
printf 'require backend=sync workload=pingpong traps_per_op <= 1\n' > "$tmp/impossible.rules"
fails "${names[1]}" "pingpong sync harts=1 hz=100 conc=1 size=64 ops=1000: traps_per_op measured [0-9.]+, baseline -, limit <= 1$" \
	--rules "$tmp/impossible.rules"

printf 'require backend=sync workload=pingpong traps_per_op >= 4\nrequire verify == ok\n' > "$tmp/right.rules"
"$S" gate --results "$tmp/set" --rules "$tmp/right.rules" > "$tmp/out" 2>&1
check "${names[2]}" test $? -eq 0

# A baseline 2% below the measured instructions of one point: 1% growth is
# then exceeded there.
awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "instr_per_op") c = i }
	NR > 1 && $2 == "echo" && $3 == "sync" && $11 == 32 && $6 == 1 { $c = $c / 1.02 } { print }' \
	"$(dirname "$0")/../../ci/baseline.csv" > "$tmp/lower.csv"
fails "${names[3]}" "echo sync harts=1 hz=100 conc=32 size=64 ops=1000: instr_per_op measured [0-9.]+, baseline [0-9.]+, limit [0-9.]+ \\(\\+1%\\)$" \
	--baseline "$tmp/lower.csv"

printf 'require backend=frobnicated traps_per_op >= 1\n' > "$tmp/typo.rules"
fails "${names[4]}" "selects no row" --rules "$tmp/typo.rules"

# A copy of the first null sync point at a concurrency the sweep never runs
# (as many fields as the header has, whatever columns it grows).
awk -F, -v OFS=, '{ print } $2 == "null" && $3 == "sync" && !done { $11 = 4096; extra = $0; done = 1 }
	END { print extra }' "$(dirname "$0")/../../ci/baseline.csv" > "$tmp/extra.csv"
fails "${names[5]}" "null sync harts=1 hz=100 conc=4096 size=64 ops=1000: in the baseline but not measured" \
	--baseline "$tmp/extra.csv"

"$S" gate --results "$tmp/set" --baseline "$tmp/new.csv" --write-baseline > "$tmp/out" 2>&1
rc=$?
"$S" gate --results "$tmp/set" --baseline "$tmp/new.csv" > "$tmp/out2" 2>&1
check "${names[6]}" test $rc -eq 0 -a $? -eq 0 -a -n "$(grep 'NEW BASELINE' "$tmp/out")"

cp -r "$tmp/set" "$tmp/stale"
"$S" gate --kernel "$K" --qemu /nonexistent/qemu -o "$tmp/stale" > "$tmp/out" 2>&1
check "${names[7]}" test $? -eq 1 -a -n "$(grep -F "QEMU '/nonexistent/qemu' not found" "$tmp/out")"
finish
