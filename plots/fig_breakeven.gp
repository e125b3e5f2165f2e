# Figure 5 of docs/results.md: the break-even trap penalty of each async
# configuration against sync at the same point (the harness's cost model:
# above it async costs fewer modelled cycles per op), one hart and two harts
# on the same axes, with published trap costs drawn as horizontal lines.
# usage: gnuplot -c fig_breakeven.gp ONEHART.csv TWOHARTS.csv OUT.svg|OUT.png TITLE [CYCLES:LABEL ...]
# Inputs: the breakeven data files scbench plot writes for two result sets;
# each CYCLES:LABEL argument draws one reference line at CYCLES per trap.
if (ARGC < 3) {
	print "usage: gnuplot -c fig_breakeven.gp ONEHART.csv TWOHARTS.csv OUT.svg|OUT.png TITLE [CYCLES:LABEL ...]"
	exit status 2
}
do for [f in ARG1 . " " . ARG2] {
	if (system("test -r '" . f . "' && echo ok") ne "ok") {
		print "fig_breakeven.gp: cannot read data file " . f
		exit status 1
	}
}
out = ARG3
title = ARGC >= 4 ? ARG4 : ""
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"
eval source_label(ARG1)

set ylabel "break-even trap penalty (cycles per trap, log scale)"
call dir . "axis.gp" "y" "log10" "breakeven_p_trap" ARG1 . " " . ARG2
do for [a = 5:ARGC] {
	ref = ARGV[a]
	c = strstrt(ref, ":")
	if (c < 2) {
		print "fig_breakeven.gp: reference '" . ref . "' is not CYCLES:LABEL"
		exit status 2
	}
	y = real(ref[1:c-1])
	set arrow from graph 0, first y to graph 1, first y nohead lw 1.2 lc rgb "#404040" dt (6,3) back
	set label ref[c+1:] at graph 0.62, first y offset 0, -0.7 center tc rgb "#202020" front
}
eval "plot " . curves(ARG1, "breakeven_p_trap", "title columnhead(1)") . ", " \
	    . curves(ARG2, "breakeven_p_trap", "title columnhead(1)")
eval fig_done
