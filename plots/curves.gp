# One figure of scbench plot: a column of a data file against concurrency,
# one curve per configuration. scbench plot passes the column, its scale and
# label from the column schema (harness/columns.c, `scbench columns`).
# usage: gnuplot -c curves.gp DATA.csv OUT.svg|OUT.png|OUT.pdf COLUMN linear|log YLABEL [TITLE [BETTER]]
# DATA: one data set per configuration (blocks two blank lines apart), each
# with a "# style KEY" line (its style in styles.gp) and a header whose
# first field is the curve's label; columns by name.
# linear: y fitted to the data from 0; log: a log-2 y axis fitted to the
# data (what spans decades: sync near 1 trap an op, batched async far below).
if (ARGC < 5 || (ARG4 ne "linear" && ARG4 ne "log")) {
	print "usage: gnuplot -c curves.gp DATA.csv OUT.svg|OUT.png|OUT.pdf COLUMN linear|log YLABEL [TITLE]"
	exit status 2
}
if (system("test -r '" . ARG1 . "' && echo ok") ne "ok") {
	print "curves.gp: cannot read data file " . ARG1
	exit status 1
}
# The style file sits next to this script; it reads out and title, since
# load does not pass ARG1..ARG6 on.
out = ARG2
title = ARGC >= 6 ? ARG6 : ""
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"

set ylabel ARG5
set key outside right top
eval source_label(ARG1)
call dir . "axis.gp" "y" (ARG4 eq "log" ? "log2" : "linear0") ARG3 ARG1
# BETTER (the schema's, scbench columns): which way async beats sync on
# this column, lower, higher or breakeven; none (the default) for a
# mechanism, not a cost, where no such region is drawn.
better = ARGC >= 7 ? ARG7 : "none"
win_text = ""
if (better ne "none") { eval wins(ARG1, ARG3, better, "") }
set title with_notes(title, win_text, curves_note(ARG1, ARG3))
eval "plot " . curves(ARG1, ARG3, "title columnhead(1)")
eval fig_done
