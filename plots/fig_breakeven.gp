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
fig_size = "1250,760"
load dir . "style.gp"
eval source_label(ARG1)

set ylabel "break-even trap penalty (cycles per trap, log scale)"
call dir . "axis.gp" "y" "log10" "breakeven_p_trap" ARG1 . " " . ARG2
# Each reference is a trap cost a reader can hold the curves against: a
# line with its own key entry (a label on the plot would sit on some
# curve), and the title says, from the data, where async wins at it.
ref_dash = "(6,3) (2,3) (12,3,2,3)"
ref_grey = "#404040 #8c8c8c #262626"
refs = ""
refs_plot = ""
do for [a = 5:ARGC] {
	ref = ARGV[a]
	c = strstrt(ref, ":")
	if (c < 2 || a - 4 > words(ref_dash)) {
		print "fig_breakeven.gp: reference '" . ref . "' is not CYCLES:LABEL (at most " . words(ref_dash) . ")"
		exit status 2
	}
	refs = refs . " " . ref[1:c-1]
	refs_plot = refs_plot . sprintf(", %s with lines lc rgb \"%s\" dt %s lw 1.2 title \"%s\"", \
		ref[1:c-1], word(ref_grey, a - 4), word(ref_dash, a - 4), ref[c+1:])
}
# Both files' curves in one panel: the shading and the sentence from both.
both = out . ".both.csv"
both_rc = system(sprintf("cat '%s' > '%s'; printf '\\n\\n' >> '%s'; cat '%s' >> '%s'", ARG1, both, both, ARG2, both))
eval wins(both, "breakeven_p_trap", "breakeven", refs)
set title with_notes(title, win_text, curves_note(both, "breakeven_p_trap"))
eval "plot " . curves(both, "breakeven_p_trap", "title columnhead(1)") . refs_plot
both_rc = system(sprintf("rm -f '%s'", both))
eval fig_done
