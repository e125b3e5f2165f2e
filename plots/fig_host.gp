# Figure 3 of docs/results.md: the Linux host, every backend: left system
# calls per op (traced runs), right throughput (untraced runs, medians).
# usage: gnuplot -c fig_host.gp SYSCALLS.csv THROUGHPUT.csv OUT.svg|OUT.png [TITLE]
# Inputs: the syscalls and throughput data files scbench plot writes for a
# host result set (one data set per backend, a header whose first field is
# its label).
if (ARGC < 3) {
	print "usage: gnuplot -c fig_host.gp SYSCALLS.csv THROUGHPUT.csv OUT.svg|OUT.png [TITLE]"
	exit status 2
}
do for [f in ARG1 . " " . ARG2] {
	if (system("test -r '" . f . "' && echo ok") ne "ok") {
		print "fig_host.gp: cannot read data file " . f
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
# Left: system calls are the mechanism, not a cost (fewer is what async is
# built for), so no region; right: throughput, where async beats sync at
# a concurrency only if its interval lies above sync's.
set ylabel "system calls per op (log scale; an op is a write and its read)"
set key outside below center vertical maxrows 2
call dir . "axis.gp" "y" "log2" "syscalls_per_op" ARG1
set title with_notes("system calls (traced runs)", curves_note(ARG1, "syscalls_per_op"), "")
eval "plot " . curves(ARG1, "syscalls_per_op", "title columnhead(1)")
set ylabel "ops per second (wall clock)"
call dir . "axis.gp" "y" "linear0" "ops_per_sec" ARG2
eval wins(ARG2, "ops_per_sec", "higher", "")
set title with_notes("throughput (untraced runs, median)", win_text, curves_note(ARG2, "ops_per_sec"))
eval "plot " . curves(ARG2, "ops_per_sec", "title columnhead(1)")
unset multiplot
eval fig_done
