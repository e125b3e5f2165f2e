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
for fig in instr traps host timeout breakeven linux parallel core; do
	for ext in svg png pdf; do
		[ -s "$tmp/figs/$fig.$ext" ] || missing="$missing $fig.$ext"
	done
done
check "every figure drawn${missing:+ (missing:$missing)}" test -z "$missing"
check "PNG files are PNG" test "$(head -c 4 "$tmp/figs/instr.png" 2>/dev/null | tail -c 3)" = "PNG"
check "SVG files are SVG" grep -q '<svg' "$tmp/figs/traps.svg"
bad=""
for f in "$tmp"/figs/*.pdf; do
	[ "$(head -c 5 "$f")" = "%PDF-" ] || bad="$bad $(basename "$f")"
done
check "PDF files start as PDF${bad:+ (not:$bad)}" test -z "$bad"
if command -v pdfinfo >/dev/null 2>&1; then
	bad=""
	for f in "$tmp"/figs/*.pdf; do
		pdfinfo "$f" 2>/dev/null | grep -q '^Pages: *1$' || bad="$bad $(basename "$f")"
	done
	check "every PDF parses, one page each${bad:+ (not:$bad)}" test -z "$bad"
else
	skip "every PDF parses" "pdfinfo is not installed (make deps installs poppler-utils)"
fi
if command -v xmllint >/dev/null 2>&1; then
	check "every SVG is well-formed XML" xmllint --noout "$tmp"/figs/*.svg
else
	skip "every SVG is well-formed XML" "xmllint is not installed (make deps installs libxml2-utils)"
fi
check "every figure carries its result set's commit and machine" grep -q 'commit [0-9a-f]\{7\}.*CPUs' "$tmp/figs/instr.svg"

# The style map: every configuration a figure draws has a style in
# plots/styles.gp, found by the key its data file names.
# Every file a figure reads names its curves by key: scbench plot's data,
# the Linux comparison's, the parallel set's, the shared scheduler's.
for s in pingpong mixed; do awk -F, -f plots/shsched-blocks.awk -v set=$s -v x=conc results/shsched/table.csv; done >"$tmp/shsched-blocks.csv"
keys=$(cat "$tmp"/b/*/data/*.csv "$tmp"/b/*/vs/*.csv "$tmp"/b/parallel.csv "$tmp/shsched-blocks.csv" | sed -n 's/^# style //p' | sort -u)
for k in refos/async/poller/poll refos/async/enter/wait/sched=shared linux/sync; do
	echo "$keys" | grep -qx "$k" || keys="$keys (missing from the data: $k)"
done
missing=$(for k in $keys; do printf '%s ' "$k"; done | gnuplot -e 'dir = "plots/"; load "plots/styles.gp"; ks = system("cat"); do for [k in ks] { if (style_lt(k) == 0) { print k } }' 2>&1)
check "every configuration the figures draw has a style in plots/styles.gp${missing:+ (not: $missing)}" test -n "$keys" -a -z "$missing"
# One style per configuration whatever the figure: the same label drawn in
# two figures has the same stroke colour, dash pattern and point type.
styles=$(for f in "$tmp"/figs/*.svg; do
	awk '/<g id="gnuplot_plot_[0-9]+[a-z]*" ><title>/ { t = $0; sub(/.*<title>/, "", t); sub(/<\/title>.*/, "", t); s = ""; next }
	     t !~ /^(gnuplot_plot_|$)/ && s == "" && /<path stroke=.rgb/ { s = $0; sub(/.*stroke=/, "", s); sub(/  d=.*/, "", s); print t "\t" s; t = "" }' "$f"
done | sort -u)
twice=$(printf '%s\n' "$styles" | cut -f1 | uniq -d)
check "a configuration is drawn in one style in every figure${twice:+ (not: $twice)}" test -z "$twice"
# Grey-scale print: the curves of every panel stay apart (greyscale.sh), and
# the check fails on a map with two solid styles of one grey.
check "every figure's curves stay apart in grey scale" plots/tests/greyscale.sh "$tmp"/figs/*.svg
b1=$(ls "$tmp"/b/figures-1hart/data/refos-echo-s64-instr.csv)
sed 's/^refos\/async\/enter\/poll .*/refos\/async\/enter\/poll   #000000 solid 5 \\/' plots/styles.gp >"$tmp/styles.gp"
mkdir -p "$tmp/badmap"
cp plots/style.gp plots/axis.gp plots/curves.gp plots/curves.awk plots/pdf-date.sh "$tmp/badmap/" && cp "$tmp/styles.gp" "$tmp/badmap/styles.gp"
gnuplot -c "$tmp/badmap/curves.gp" "$b1" "$tmp/bad.svg" instr_per_op linear "instr" 2>/dev/null
if plots/tests/greyscale.sh "$tmp/bad.svg" >"$tmp/grey.out" 2>&1; then
	not_ok "the grey-scale check fails on two same-grey solid styles" "it passed $tmp/bad.svg"
else
	check "the grey-scale check fails on two same-grey solid styles" grep -q '"sync" and "async enter/poll"' "$tmp/grey.out"
fi
# Reproducible output: drawing the same sets again gives the same bytes,
# the docs figures and scbench plot's alike (cairo stamps each PDF with the
# time it is drawn; plots/pdf-date.sh sets the stamp to when the data were
# measured), so make figures leaves a clean tree clean.
sleep 1
if make --no-print-directory -s figures FIG_DIR="$tmp/figs2" FIG_B="$tmp/b2" >"$tmp/out2" 2>&1; then
	differ=$(cd "$tmp/figs" && for f in *.pdf *.svg *.png; do cmp -s "$f" "$tmp/figs2/$f" || printf ' %s' "$f"; done)
	differ=$differ$(cd "$tmp/b" && for f in */*.pdf */*.svg */*.png; do cmp -s "$f" "$tmp/b2/$f" || printf ' %s' "$f"; done)
	check "two renders of the same sets are byte-identical${differ:+ (not:$differ)}" test -z "$differ"
else
	not_ok "two renders of the same sets are byte-identical" "the second make figures failed: $(tail -5 "$tmp/out2")"
fi
newest=$(for s in $sets; do sed -n 's/.*"started": *"\([^"]*\)".*/\1/p' results/$s/meta.json | head -n 1; done | sort | tail -n 1)
stamp=$(date -u -d "$newest" +D:%Y%m%d%H%M%SZ)
check "a docs PDF is dated when its newest set was measured ($stamp)" grep -aq "/CreationDate ($stamp)" "$tmp/figs/instr.pdf"
b1=$(ls "$tmp"/b/figures-1hart/data/refos-echo-s64-instr.csv)
for i in 1 2; do
	env -u SOURCE_DATE_EPOCH gnuplot -c plots/curves.gp "$b1" "$tmp/undated$i.pdf" instr_per_op linear "instr" 2>/dev/null
	sleep 1
done
check "without SOURCE_DATE_EPOCH a PDF carries no date, the same bytes each time" \
	sh -c "cmp -s '$tmp/undated1.pdf' '$tmp/undated2.pdf' && ! grep -aq CreationDate '$tmp/undated1.pdf'"
if command -v pdfinfo >/dev/null 2>&1; then
	check "an undated PDF still parses" sh -c "pdfinfo '$tmp/undated1.pdf' | grep -q '^Pages: *1$'"
fi
# No figure styles a curve by its position: a line type in a plot command is
# always its configuration's (style_lt), never a number or a loop index.
by_pos() { grep -nE '(^|[^_a-z])(lt|linetype|ls|linestyle) +[^s =]|(^|[^_a-z])(lt|linetype) +s[^t]' "$@"; }
pos=$(by_pos plots/*.gp plots/curves.awk | grep -v '^plots/styles.gp:')
check "no figure styles a curve by its position${pos:+ (not: $pos)}" test -z "$pos"
printf 'plot f using 1:2 lt k title "a", g using 1:2 lt 3\n' >"$tmp/pos.gp"
check "the position check catches 'lt k' and 'lt 3'" test "$(by_pos "$tmp/pos.gp" | wc -l)" -eq 1

# Where async beats sync comes from the data: a made-up set where async
# wins from concurrency 2, one where it never does, one where its better
# medians sit inside sync's intervals.
mk() { # mk FILE SYNC... -- ASYNC... (values at conc 1 2 4; lo,hi optional as v:lo:hi)
	f=$1; shift
	{
		echo "# style refos/sync"; echo "sync,conc,y,y_lo,y_hi"; c=1
		while [ "$1" != -- ]; do IFS=: read -r v lo hi <<<"$1"; echo "sync,$c,$v,$lo,$hi"; c=$((c * 2)); shift; done
		shift; printf '\n\n# style refos/async/enter/poll\nasync enter/poll,conc,y,y_lo,y_hi\n'; c=1
		while [ $# -gt 0 ]; do IFS=: read -r v lo hi <<<"$1"; echo "async enter/poll,$c,$v,$lo,$hi"; c=$((c * 2)); shift; done
	} >"$f"
}
wins_of() { awk -f plots/curves.awk -v mode=wins -v col=y -v better=lower -v ylog=1 "$1"; }
mk "$tmp/w1.csv" 100 100 100 -- 120 90 80
mk "$tmp/w2.csv" 100 100 100 -- 120 110 101
mk "$tmp/w3.csv" 100:90:110 100:90:110 100:90:110 -- 120:115:125 95:85:99 80:75:85
w1=$(wins_of "$tmp/w1.csv") w2=$(wins_of "$tmp/w2.csv") w3=$(wins_of "$tmp/w3.csv")
check "a win from concurrency 2 is shaded from between 1 and 2 on, and said" \
	sh -c 'echo "$1" | grep -q "rect from 1.41421356237, graph 0 to 5.65685424949" && echo "$1" | grep -q "enter/poll from 2, by 10-20%"' _ "$w1"
check "no win: no band, and the figure says so" \
	sh -c 'echo "$1" | grep -q "async never beats sync here" && ! echo "$1" | grep -q "set object [0-9]"' _ "$w2"
check "a better median within the intervals is no win, and is named" \
	sh -c 'echo "$1" | grep -q "enter/poll at 4, by 20%" && echo "$1" | grep -q "intervals overlapping: enter/poll at 2)" && echo "$1" | grep -q "rect from 2.82842712475"' _ "$w3"
check "the docs figures say where async beats sync from their data" \
	sh -c 'grep -q "async never beats sync here" "$1/instr.svg" && grep -q "refos enter/poll from 16" "$1/linux.svg" && grep -q "at 239 cycles a trap async wins" "$1/breakeven.svg"' _ "$tmp/figs"
# Coinciding curves: their marks are moved apart, the others' are not, and
# a panel where two curves are one line says so.
mk "$tmp/c1.csv" 100 50 25 -- 100 50 25
mk "$tmp/c2.csv" 100 50 25 -- 400 200 100
p1=$(awk -f plots/curves.awk -v mode=plot -v col=y -v ylog=1 -v ylo=20 -v yhi=500 -v titled=1 "$tmp/c1.csv")
p2=$(awk -f plots/curves.awk -v mode=plot -v col=y -v ylog=1 -v ylo=20 -v yhi=500 -v titled=1 "$tmp/c2.csv")
n1=$(awk -f plots/curves.awk -v mode=note -v col=y -v ylog=1 -v ylo=20 -v yhi=500 "$tmp/c1.csv")
check "coinciding curves: each one's marks moved, the other way from the other's" \
	test "$(echo "$p1" | grep -o 'column("conc") == 2 ? [0-9.]*' | sort -u | wc -l)" -eq 2
check "curves apart: no mark moved" sh -c '! echo "$1" | grep -q "column(\"conc\") == "' _ "$p2"
check "a panel names the curves that are one line" test "$n1" = "one line, marks side by side: sync, enter/poll"
check "traps names its six one-hart async curves as one line" \
	grep -q "one line, marks side by side: enter/{poll,wait,uintr}, worker/{poll,wait,uintr}" "$tmp/figs/traps.svg"
for c in rocket u74; do
	check "the cache model's figure names the profile $c that drew its panels" grep -q ">$c: echo, one hart<" "$tmp/figs/core.svg"
done
check "the break-even figure marks the host's null call" grep -q "null system call" "$tmp/figs/breakeven.svg"
check "no temporary file left behind" test -z "$(find "$tmp/figs" -name '*.tmp.*')"
gnuplot -c plots/fig_instr.gp "$tmp/nope.csv" "$tmp/nope.csv" "$tmp/x.svg" 2>"$tmp/gp.err"
check "a script stops with a message when its data is missing" grep -q "cannot read data file" "$tmp/gp.err"
finish
