# docs/results.md, "Linux on the same machine": refos against Linux 6.12 on
# the same emulated machine, both counted by the emulator plugin. Top row:
# instructions per op; bottom row: privilege switches per op; a column per
# workload (null, echo, pingpong); one key for all six panels.
# usage: gnuplot -c fig_linux.gp DATADIR OUT.svg|OUT.png|OUT.pdf [TITLE [SOURCE.csv]]
# SOURCE.csv: a data file scbench plot wrote for the set, for its caption.
# Inputs: DATADIR/WORKLOAD-instr.csv and -switches.csv from
# linux/tools/vs-refos.sh (scbench plot's layout: a block per
# configuration, a row per concurrency).
if (ARGC < 2) {
	print "usage: gnuplot -c fig_linux.gp DATADIR OUT.svg|OUT.png|OUT.pdf [TITLE [SOURCE.csv]]"
	exit status 2
}
d = ARG1
do for [w in "null echo pingpong"] {
	do for [m in "instr switches"] {
		f = d . "/" . w . "-" . m . ".csv"
		if (system("test -r '" . f . "' && echo ok") ne "ok") {
			print "fig_linux.gp: cannot read data file " . f
			exit status 1
		}
	}
}
out = ARG2
title = ""
fig_size = "1500,1000"
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"
if (ARGC >= 4) { eval source_label(ARG4) }

# Panels placed by hand, so that one key below them serves all six.
col_l(k) = 0.06 + (k - 1) * 0.325
set multiplot title (ARGC >= 3 ? ARG3 : "")
wins_wrap = 1
# Top row: instructions per op, which async has to save under -icount:
# shaded where a backend takes fewer than its own kernel's sync.
set tmargin at screen 0.83
set bmargin at screen 0.585
do for [k = 1:3] {
	w = word("null echo pingpong", k)
	f = d . "/" . w . "-instr.csv"
	set lmargin at screen col_l(k)
	set rmargin at screen col_l(k) + 0.25
	set ylabel "instructions per op (log scale)"
	call dir . "axis.gp" "y" "log2" "instr" f
	eval wins(f, "instr", "lower", "")
	set title with_notes(w, win_text, curves_note(f, "instr"))
	eval "plot " . curves(f, "instr", "notitle")
}
# Bottom row: privilege switches, the mechanism (fewer is what async is
# built for), not a cost: no region.
unset object
set tmargin at screen 0.39
set bmargin at screen 0.1
do for [k = 1:3] {
	w = word("null echo pingpong", k)
	f = d . "/" . w . "-switches.csv"
	set lmargin at screen col_l(k)
	set rmargin at screen col_l(k) + 0.25
	set ylabel "privilege switches per op"
	call dir . "axis.gp" "y" "linear0" "switches" f
	set title with_notes(w, curves_note(f, "switches"), "")
	eval "plot " . curves(f, "switches", "notitle")
}
# The key: a strip of its own under the panels, the same entries for all.
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
eval "plot NaN notitle, " . curves_key(f, "switches")
unset multiplot
eval fig_done
