# Figure 2 of docs/results.md: U-mode traps per op against concurrency, left
# as measured (user interrupts emulated), right without the traps and IPIs
# only the emulation causes (traps_per_op_hw_uintr: what hardware user
# interrupts would leave); top one hart, bottom two harts. All four panels
# share one log-2 axis fitted to the data.
# usage: gnuplot -c fig_traps.gp ONEHART.csv TWOHARTS.csv OUT.svg|OUT.png|OUT.pdf [TITLE]
# Inputs: the traps data files scbench plot writes for two result sets (one
# data set per configuration, a header whose first field is its label).
if (ARGC < 3) {
	print "usage: gnuplot -c fig_traps.gp ONEHART.csv TWOHARTS.csv OUT.svg|OUT.png|OUT.pdf [TITLE]"
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
fig_size = "1500,1100"
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"
eval source_label(ARG1)
call dir . "axis.gp" "y" "log2" "traps_per_op traps_per_op_hw_uintr" ARG1 . " " . ARG2

# No region of async beating sync here: fewer traps is what async is built
# for, not a win (figure 1 has async trapping 8 to 500 times less and
# costing more); whether the saved traps pay is figure 5's question.
set key outside right top vertical
set ylabel "U-mode traps per op (log scale; an op is two calls)"
set multiplot layout 2, 2 title (ARGC >= 4 ? ARG4 : "")
set title with_notes("one hart, as measured (user interrupts emulated)", curves_note(ARG1, "traps_per_op"), "")
eval "plot " . curves(ARG1, "traps_per_op", "title columnhead(1)")
set title with_notes("one hart, with hardware user interrupts (emulation's traps removed)", curves_note(ARG1, "traps_per_op_hw_uintr"), "")
eval "plot " . curves(ARG1, "traps_per_op_hw_uintr", "title columnhead(1)")
set title with_notes("two harts, as measured", curves_note(ARG2, "traps_per_op"), "")
eval "plot " . curves(ARG2, "traps_per_op", "title columnhead(1)")
set title with_notes("two harts, with hardware user interrupts", curves_note(ARG2, "traps_per_op_hw_uintr"), "")
eval "plot " . curves(ARG2, "traps_per_op_hw_uintr", "title columnhead(1)")
unset multiplot
eval fig_done
