# The figure of docs/results.md, "Two harts in parallel": two harts under
# multi-threaded TCG, sync against the poller, against concurrency. Left:
# instructions per op of the workload's hart; middle: of the other hart (the
# emulator plugin's per-hart counts); right: ops per second of the guest's
# clock. Each point is the median of the repetitions, its bar the median's
# interval; one key for the three panels.
# usage: gnuplot -c fig_parallel.gp DATA.csv OUT.svg|OUT.png|OUT.pdf [TITLE]
# Input: the data file ci/parallel-table.sh SET DATA writes (scbench plot's
# layout: a block per configuration, a row per concurrency; columns hart,
# rest and ops, each with _lo and _hi).
if (ARGC < 2) {
	print "usage: gnuplot -c fig_parallel.gp DATA.csv OUT.svg|OUT.png|OUT.pdf [TITLE]"
	exit status 2
}
if (system("test -r '" . ARG1 . "' && echo ok") ne "ok") {
	print "fig_parallel.gp: cannot read data file " . ARG1
	exit status 1
}
out = ARG2
title = ""
fig_size = "1500,720"
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"
f = ARG1

col_l(k) = 0.06 + (k - 1) * 0.325
set multiplot title (ARGC >= 3 ? ARG3 : "")
wins_wrap = 1
set tmargin at screen 0.8
set bmargin at screen 0.17
# Left: the workload's hart, where async has to do less than sync: shaded
# where its interval lies below sync's.
set lmargin at screen col_l(1)
set rmargin at screen col_l(1) + 0.25
set ylabel "instructions per op (log scale)"
# Both instruction panels on one axis, so that the harts compare.
call dir . "axis.gp" "y" "log10" "hart rest" f
eval wins(f, "hart", "lower", "")
set title with_notes("the workload's hart (log scale)", win_text, curves_note(f, "hart"))
eval "plot " . curves(f, "hart", "notitle")
# Middle: what the other hart pays; sync's other hart runs tasks of its
# own, so this is no cost of async's to set against sync: no region.
unset object
set lmargin at screen col_l(2)
set rmargin at screen col_l(2) + 0.25
set title with_notes("the other hart, the poller's (log scale)", curves_note(f, "rest"), "")
eval "plot " . curves(f, "rest", "notitle")
# Right: throughput, shaded where async's interval lies above sync's.
set lmargin at screen col_l(3)
set rmargin at screen col_l(3) + 0.25
set ylabel "ops per second of the guest's clock (host time)"
call dir . "axis.gp" "y" "linear0" "ops" f
eval wins(f, "ops", "higher", "")
set title with_notes("throughput", win_text, curves_note(f, "ops"))
eval "plot " . curves(f, "ops", "notitle")
# The key: a strip of its own under the panels.
set tmargin at screen 0.05
set bmargin at screen 0
set lmargin at screen 0.06
set rmargin at screen 0.96
unset border; unset tics; unset xlabel; unset ylabel; unset title; unset grid; unset logscale
unset object
set xrange [0:1]
set yrange [0:1]
set key inside center center horizontal maxrows 1
# (a plot of key entries alone trips an assertion of gnuplot 5.4)
eval "plot NaN notitle, " . curves_key(f, "ops")
unset multiplot
eval fig_done
