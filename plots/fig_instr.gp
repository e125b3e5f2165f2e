# Figure 1 of docs/results.md: instructions per op against concurrency, sync
# and every async mode; left one hart, right two harts (the poller's).
# usage: gnuplot -c fig_instr.gp ONEHART.csv TWOHARTS.csv OUT.svg|OUT.png [TITLE]
# Inputs: the instr data files scbench plot writes for two result sets (one
# data set per configuration, a header whose first field is its label).
if (ARGC < 3) {
	print "usage: gnuplot -c fig_instr.gp ONEHART.csv TWOHARTS.csv OUT.svg|OUT.png [TITLE]"
	exit status 2
}
do for [f in ARG1 . " " . ARG2] {
	if (system("test -r '" . f . "' && echo ok") ne "ok") {
		print "fig_instr.gp: cannot read data file " . f
		exit status 1
	}
}
out = ARG3
title = ""
fig_size = "1500,700"
# How many curves the first file has, so the second continues the line types
# (the same configuration keeps its line type in every figure).
set datafile separator ","
stats ARG1 using 2 nooutput
n1 = STATS_blocks
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"

set multiplot layout 1, 2 title (ARGC >= 4 ? ARG4 : "")
set title "one hart"
set ylabel "instructions per op (an op is a 64-byte write and its read)"
eval "plot " . curves(ARG1, "*", "instr_per_op", "title columnhead(1)", 0)
set title "two harts (log scale)"
set ylabel "instructions per op (log scale)"
set logscale y 10
set yrange [1024:32768]
set ytics 2
set mytics 1
eval "plot " . curves(ARG2, "*", "instr_per_op", "title columnhead(1)", n1)
unset multiplot
