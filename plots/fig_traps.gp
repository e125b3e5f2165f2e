# Figure 2 of docs/results.md: U-mode traps per op against concurrency, left
# as measured (user interrupts emulated), right without the traps and IPIs
# only the emulation causes (traps_per_op_hw_uintr: what hardware user
# interrupts would leave). One hart and two harts on the same axes.
# usage: gnuplot -c fig_traps.gp ONEHART.csv TWOHARTS.csv OUT.svg|OUT.png [TITLE]
# Inputs: the traps data files scbench plot writes for two result sets (one
# data set per configuration, a header whose first field is its label).
if (ARGC < 3) {
	print "usage: gnuplot -c fig_traps.gp ONEHART.csv TWOHARTS.csv OUT.svg|OUT.png [TITLE]"
	exit status 2
}
do for [f in ARG1 . " " . ARG2] {
	if (system("test -r '" . f . "' && echo ok") ne "ok") {
		print "fig_traps.gp: cannot read data file " . f
		exit status 1
	}
}
out = ARG3
title = ""
fig_size = "1500,800"
# How many curves the first file has, so the second continues the line types.
set datafile separator ","
stats ARG1 using 2 nooutput
n1 = STATS_blocks
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"

set multiplot title (ARGC >= 4 ? ARG4 : "")
set logscale y 2
set format y "%.3g"
set yrange [0.002:8]
set ytics 4
set lmargin at screen 0.07
set rmargin at screen 0.48
set bmargin at screen 0.2
set tmargin at screen 0.92
set key at screen 0.52, screen 0.01 center bottom vertical maxrows 3 width 0
set title "as measured (user interrupts emulated)"
set ylabel "U-mode traps per op (log scale; an op is two calls)"
eval "plot " . curves(ARG1, "*", "traps_per_op", "title columnhead(1)", 0) . ", " \
	    . curves(ARG2, "*", "traps_per_op", "title columnhead(1)", n1)
unset key
set lmargin at screen 0.57
set rmargin at screen 0.98
set title "with hardware user interrupts (emulation's traps removed)"
eval "plot " . curves(ARG1, "*", "traps_per_op_hw_uintr", "notitle", 0) . ", " \
	    . curves(ARG2, "*", "traps_per_op_hw_uintr", "notitle", n1)
unset multiplot
