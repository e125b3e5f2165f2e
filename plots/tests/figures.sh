#!/bin/bash
# make figures from the committed figure sets: every set is whole and all
# its rows ok, the target draws all fourteen files into a scratch folder, and
# the scripts refuse a missing input with a message.
# usage: plots/tests/figures.sh   (from the top of the tree)
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
. "$TOP/ci/tap.sh"
cd "$TOP" || exit 1

sets="figures-1hart figures-2harts figures-timeout figures-host figures-linux figures-parallel"
for s in $sets; do
	f=results/$s/runs.csv
	if [ ! -s "$f" ] || [ ! -s "results/$s/meta.json" ] || [ ! -s "ci/$s.sweep" ]; then
		not_ok "figure set $s is committed with its sweep" "missing runs.csv, meta.json or ci/$s.sweep"
		continue
	fi
	bad=$(csv_col "$f" status | grep -cv '^ok$')
	rows=$(csv_col "$f" status | wc -l)
	check "figure set $s: $rows rows, all ok" test "$rows" -gt 0 -a "$bad" -eq 0
done
check "figure set figures-host has the clock it converts with" test -s results/figures-host/cpu_mhz

if ! command -v gnuplot >/dev/null 2>&1; then
	skip "make figures draws every figure" "gnuplot is not installed (make deps installs it)"
	finish
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if make --no-print-directory -s figures FIG_DIR="$tmp/figs" FIG_B="$tmp/b" >"$tmp/out" 2>&1; then
	ok "make figures exits 0"
else
	not_ok "make figures exits 0" "$(tail -5 "$tmp/out")"
fi
missing=""
for fig in instr traps host timeout breakeven linux parallel; do
	for ext in svg png; do
		[ -s "$tmp/figs/$fig.$ext" ] || missing="$missing $fig.$ext"
	done
done
check "every figure drawn${missing:+ (missing:$missing)}" test -z "$missing"
check "PNG files are PNG" test "$(head -c 4 "$tmp/figs/instr.png" 2>/dev/null | tail -c 3)" = "PNG"
check "SVG files are SVG" grep -q '<svg' "$tmp/figs/traps.svg"
check "the break-even figure marks the host's null call" grep -q "null system call" "$tmp/figs/breakeven.svg"
check "no temporary file left behind" test -z "$(find "$tmp/figs" -name '*.tmp.*')"
gnuplot -c plots/fig_instr.gp "$tmp/nope.csv" "$tmp/nope.csv" "$tmp/x.svg" 2>"$tmp/gp.err"
check "a script stops with a message when its data is missing" grep -q "cannot read data file" "$tmp/gp.err"
finish
