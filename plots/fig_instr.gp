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
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"
eval source_label(ARG1)

set multiplot layout 1, 2 title (ARGC >= 4 ? ARG4 : "")
# Both panels on log axes, each fitted to its data: one hart spans 1.3x,
# two harts 16x.
set key outside below center vertical maxrows 4
# Instructions are what async has to save under -icount: each panel is
# shaded where an async configuration takes fewer than sync.
set ylabel "instructions per op (log scale; an op is a 64-byte write and its read)"
call dir . "axis.gp" "y" "log2" "instr_per_op" ARG1
eval wins(ARG1, "instr_per_op", "lower", "")
set title with_notes("one hart (log scale)", win_text, curves_note(ARG1, "instr_per_op"))
eval "plot " . curves(ARG1, "instr_per_op", "title columnhead(1)")
set ylabel "instructions per op (log scale)"
call dir . "axis.gp" "y" "log2" "instr_per_op" ARG2
eval wins(ARG2, "instr_per_op", "lower", "")
set title with_notes("two harts (log scale)", win_text, curves_note(ARG2, "instr_per_op"))
eval "plot " . curves(ARG2, "instr_per_op", "title columnhead(1)")
unset multiplot
eval fig_done
