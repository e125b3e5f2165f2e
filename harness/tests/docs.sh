#!/bin/bash
# Every command the documentation shows runs as written: the ones in the
# fenced blocks of README.md, harness/README.md and docs/*.md, and the
# examples ending each `scbench ... --help`. Each source runs in order in
# a scratch copy of the checkout, where qemu-system-riscv64 and
# build/wl-host are the fakes, and the result sets the examples read
# (results/before, results/part-1of2, ...) exist. A run or sweep of more
# than $BIG points, or of linux points (the fake answers as refos), is only
# planned (--dry-run: parsed, checked, no boot);
# make is asked what it would do (make -n); a clone URL must not be a
# placeholder. Commands that need root, other hosts or the real kernel
# are skipped with the reason.
# usage: docs.sh SCBENCH
. "$(dirname "$0")/fake-env.sh"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HOSTFAKE="$(dirname "$FAKE")/fake-wl-host"
S="$(cd "$(dirname "$S")" && pwd)/$(basename "$S")"
BIG=80

# ---- the commands, as "SOURCE<TAB>COMMAND" lines -----------------------
# Fenced lines at column 0 that start with a command word, continuation
# lines joined, a trailing "  # comment" dropped. Each fenced block is one
# session, run in a scratch checkout of its own.
from_markdown() {
	awk -v src="$1" '
	/^ *```/ { inb = !inb; block += inb; cont = ""; next }
	!inb { next }
	cont != "" { l = $0; sub(/^ +/, "", l); $0 = cont " " l; cont = "" }
	/\\$/ { sub(/ *\\$/, ""); cont = $0; next }
	/^(build\/)?(scbench|wl-host) |^(gnuplot|make|git|awk|parallel|sudo) |^make$/ {
		sub(/  +# .*$/, ""); gsub(/  +/, " "); print src "#" block "\t" $0 }' "$2"
}
from_help() {
	"$S" ${1:-} --help | sed -n '/^examples:/,$p' | tail -n +2 | sed 's/^  //' |
		awk -v src="scbench${1:+ $1} --help" '
		cont != "" { l = $0; sub(/^ +/, "", l); $0 = cont " " l; cont = "" }
		/\\$/ { sub(/ *\\$/, ""); cont = $0; next }
		{ gsub(/  +/, " "); print src "\t" $0 }'
}
{
	for f in README.md harness/README.md docs/*.md; do from_markdown "$f" "$ROOT/$f"; done
	from_help ""
	for sub in run sweep plot compare merge gate validate columns; do from_help "$sub"; done
} >"$tmp/commands"
check "the documentation shows commands ($(wc -l <"$tmp/commands"))" test "$(wc -l <"$tmp/commands")" -gt 40

# ---- the scratch checkout ----------------------------------------------
mkdir -p "$tmp/bin" "$tmp/template/build"
ln -s "$FAKE" "$tmp/bin/qemu-system-riscv64"
ln -s "$S" "$tmp/bin/scbench"
for d in ci harness workloads os docs Makefile; do ln -s "$ROOT/$d" "$tmp/template/$d"; done
cp -r "$ROOT/results" "$ROOT/plots" "$tmp/template/"
ln -s "$S" "$tmp/template/build/scbench"
ln -s "$HOSTFAKE" "$tmp/template/build/wl-host"
touch "$tmp/template/build/refos"
# The sets the examples read: small sweeps on the fakes, shards as shards.
fixture() {
	local out="$1"
	shift
	(cd "$tmp/template" && PATH="$tmp/bin:$PATH" scbench sweep --backend sync,async --conc 1,2,4 \
		--ops 10 -j 2 "$@" -o "results/$out" >/dev/null 2>&1)
}
FIXTURES="before after a b refos host try"
for s in before after a b refos try; do fixture "$s"; done
fixture host --target host --backend sync,epoll
for n in 2 3 4 6; do
	for k in $(seq 1 $n); do
		[ $n = 2 ] && name=part || name=bench
		fixture "$name-${k}of$n" --shard "$k/$n"
		FIXTURES="$FIXTURES $name-${k}of$n"
	done
done
check "the fixture sets are made" test -s "$tmp/template/results/bench-6of6/runs.csv" -a \
	-s "$tmp/template/results/host/runs.csv"

# What docs/metrics.md and docs/methodology.md say of a set: summary.csv's
# statistics per summarised column, and an empty cell (never 0) where a
# column does not apply, as the cost model's penalties on host rows.
hdr=$(head -1 "$tmp/template/results/before/summary.csv" | tr , '\n')
missing=""
for st in median mad min max outliers ci_lo ci_hi; do
	grep -qx "instr_per_op_$st" <<<"$hdr" || missing="$missing instr_per_op_$st"
done
check "summary.csv has the statistics metrics.md names${missing:+ (missing:$missing)}" test -z "$missing"
for col in p_trap p_as p_ipi modelled_cycles_per_op; do
	check "host rows leave $col empty" test -z "$(csv_col "$tmp/template/results/host/runs.csv" $col | tr -d '\n')"
done
check "refos rows carry p_trap" test -n "$(csv_col "$tmp/template/results/refos/runs.csv" p_trap | tr -d '\n')"

# ---- running them ------------------------------------------------------
# why_skipped CMD: a reason not to run it here, or nothing.
why_skipped() {
	case "$1" in
	sudo\ *) echo "needs root" ;;
	parallel\ *) echo "needs GNU parallel (and, with --sshlogin, other hosts)" ;;
	*" gate"|*" gate "*) echo "the gate measures the real kernel: tests/gate.sh runs it" ;;
	*" --core "*) echo "the cache model runs in the real plugin on the real kernel: tests/core.sh runs it" ;;
	*" validate "*--runs*) [[ "$1" == *--loops* ]] ||
		echo "a full-size benchmark on the host (minutes under load): tests/validate.sh runs it small" ;;
	*"[-"*|*" ..."*) echo "a synopsis, not a command" ;;
	esac
}
# The exit status a command documents: a crash knob asks for a failed row;
# validate says 3 when perf or taskset is missing.
want_status() {
	case "$1" in
	*crash=*) echo 1 ;;
	*" validate"*) echo "0 3" ;;
	*) echo 0 ;;
	esac
}
planned() { (cd "$box" && PATH="$tmp/bin:$PATH" timeout 60 bash -c "$1 --dry-run" 2>/dev/null | wc -l); }

run_one() {
	local src="$1" cmd="$2" why rc want n
	why=$(why_skipped "$cmd")
	if [ -n "$why" ]; then
		skip "$src: $cmd" "$why"
		return
	fi
	case "$cmd" in
	git\ clone\ *)
		case "$cmd" in *"<"*|*">"*) not_ok "$src: $cmd" "the clone URL is a placeholder" ;;
		*) ok "$src: $cmd (URL given)" ;; esac
		return ;;
	make|make\ *)
		(cd "$ROOT" && timeout 120 $cmd -n >"$tmp/out" 2>&1)
		rc=$?
		[ $rc -eq 0 ] && ok "$src: $cmd (make -n)" || not_ok "$src: $cmd" "make -n: status $rc" "$(tail -3 "$tmp/out")"
		return ;;
	gnuplot\ *)
		command -v gnuplot >/dev/null || { skip "$src: $cmd" "gnuplot is not installed"; return; } ;;
	esac
	case "$cmd" in
	*scbench\ run\ *|*scbench\ sweep\ *)
		# The fake QEMU answers as refos only: a linux point is planned, not run.
		if [[ "$cmd" != *--resume* ]] && n=$(planned "$cmd") &&
			{ [ "$n" -gt $BIG ] || [[ "$cmd" == *linux* ]]; }; then
			(cd "$box" && PATH="$tmp/bin:$PATH" timeout 60 bash -c "$cmd --dry-run" >/dev/null 2>"$tmp/err")
			rc=$?
			[ $rc -eq 0 ] && ok "$src: $cmd (plans $n points)" ||
				not_ok "$src: $cmd" "--dry-run: status $rc" "$(cat "$tmp/err")"
			return
		fi ;;
	esac
	(cd "$box" && PATH="$tmp/bin:$PATH" timeout 120 bash -o pipefail -c "$cmd" >"$tmp/out" 2>"$tmp/err")
	rc=$?
	want=$(want_status "$cmd")
	if [[ " $want " == *" $rc "* ]]; then
		ok "$src: $cmd"
	else
		not_ok "$src: $cmd" "status $rc, want $want" "$(tail -5 "$tmp/err")"
	fi
}

cut -f1 "$tmp/commands" | uniq >"$tmp/sources"
while read -r src; do
	box="$tmp/box-$(tr -c 'a-zA-Z0-9\n' _ <<<"$src")"
	cp -r "$tmp/template" "$box"
	# A fixture the source writes itself is not there beforehand.
	for out in $(awk -F'\t' -v s="$src" '$1 == s { print $2 }' "$tmp/commands" |
		grep -oE -- '(-o|--output) [^ ]+' | awk '{ print $2 }'); do
		for f in $FIXTURES; do [ "$out" = "results/$f" ] && rm -rf "${box:?}/$out"; done
	done
	while IFS=$'\t' read -r s cmd; do
		[ "$s" = "$src" ] && run_one "$src" "$cmd"
	done <"$tmp/commands"
done <"$tmp/sources"
finish
