# docs/results.md, "Linux on the same machine": refos against Linux 6.12 on
# the same emulated machine, both counted by the emulator plugin. Top row:
# instructions per op; bottom row: privilege switches per op; a column per
# workload (null, echo, pingpong).
# usage: gnuplot -c fig_linux.gp DATADIR OUT.svg|OUT.png|OUT.pdf [TITLE [SOURCE.csv]]
# SOURCE.csv: a data file scbench plot wrote for the set, for its caption.
# Inputs: DATADIR/WORKLOAD-instr.csv and -switches.csv from
# linux/tools/vs-refos.sh (a column per configuration, a row per concurrency).
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
fig_size = "1500,900"
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"
if (ARGC >= 4) { eval source_label(ARG4) }
set key autotitle columnhead
# A column's header is its configuration, "refos async enter/poll": its
# style key with slashes for spaces.
col_lt(f, k) = style_lt(system(sprintf("head -n 1 '%s' | cut -d, -f%d | tr ' ' /", f, k)))

set multiplot layout 2, 3 title (ARGC >= 3 ? ARG3 : "")
set logscale y 2
do for [w in "null echo pingpong"] {
	set title w
	set ylabel "instructions per op (log scale)"
	plot for [k = 2:6] d . "/" . w . "-instr.csv" using 1:k lt col_lt(d . "/" . w . "-instr.csv", k)
}
unset logscale y
set yrange [0:*]
do for [w in "null echo pingpong"] {
	set title w
	set ylabel "privilege switches per op"
	plot for [k = 2:6] d . "/" . w . "-switches.csv" using 1:k lt col_lt(d . "/" . w . "-switches.csv", k)
}
unset multiplot
eval fig_done
