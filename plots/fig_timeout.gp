# Figure 4 of docs/results.md: the timeout rate, the share of context
# switches the timer forced (ctx_forced / ctx_switches), against
# concurrency; left echo, right pingpong, one log axis fitted to both. A
# configuration that switched no context at all has no rate and draws no
# curve; a rate of 0 cannot show on the log axis (docs/results.md gives
# the counts).
# usage: gnuplot -c fig_timeout.gp ECHO.csv PINGPONG.csv OUT.svg|OUT.png|OUT.pdf [TITLE]
# Inputs: data files scbench plot writes for one result set, one per
# workload (one data set per configuration, a header whose first field is
# its label); any of them carries the timeout_rate column.
if (ARGC < 3) {
	print "usage: gnuplot -c fig_timeout.gp ECHO.csv PINGPONG.csv OUT.svg|OUT.png|OUT.pdf [TITLE]"
	exit status 2
}
do for [f in ARG1 . " " . ARG2] {
	if (system("test -r '" . f . "' && echo ok") ne "ok") {
		print "fig_timeout.gp: cannot read data file " . f
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
call dir . "axis.gp" "y" "log10" "timeout_rate" ARG1 . " " . ARG2

set key outside below center vertical
set ylabel "timeout rate (timer-forced share of context switches, log scale)"
set multiplot layout 1, 2 title (ARGC >= 4 ? ARG4 : "")
# No region of async beating sync: the rate says who preempts whom, it is
# not a cost either way.
set title with_notes("echo (a rate of 0 cannot show)", curves_note(ARG1, "timeout_rate"), "")
eval "plot " . curves(ARG1, "timeout_rate", "title columnhead(1)")
set title with_notes("pingpong", curves_note(ARG2, "timeout_rate"), "")
eval "plot " . curves(ARG2, "timeout_rate", "title columnhead(1)")
unset multiplot
eval fig_done
