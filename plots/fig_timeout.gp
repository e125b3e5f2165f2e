# Figure 4 of docs/results.md: the timeout rate, the share of context
# switches the timer forced (ctx_forced / ctx_switches), against
# concurrency, for echo and pingpong. A configuration that switched no
# context at all has no rate and draws no curve. Left a linear scale,
# right a log scale, where the small rates separate.
# usage: gnuplot -c fig_timeout.gp ECHO.csv PINGPONG.csv OUT.svg|OUT.png [TITLE]
# Inputs: data files scbench plot writes for one result set, one per
# workload (one data set per configuration, a header whose first field is
# its label); any of them carries the timeout_rate column.
if (ARGC < 3) {
	print "usage: gnuplot -c fig_timeout.gp ECHO.csv PINGPONG.csv OUT.svg|OUT.png [TITLE]"
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
fig_size = "1500,760"
set datafile separator ","
stats ARG1 using 2 nooutput
n1 = STATS_blocks
stats ARG2 using 2 nooutput
n2 = STATS_blocks
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"

# A workload without any context switch has a set with no point.
last1 = sprintf("%d", n1 - 1)
last2 = sprintf("%d", n2 - 1)
echo_titles = 'title "echo: " . columnhead(1)'
pingpong_titles = 'title "pingpong: " . columnhead(1)'
set multiplot title (ARGC >= 4 ? ARG4 : "")
set lmargin at screen 0.07
set rmargin at screen 0.48
set bmargin at screen 0.2
set tmargin at screen 0.9
set key at screen 0.52, screen 0.01 center bottom vertical maxrows 2 width 0
set title "linear scale"
set ylabel "timeout rate (timer-forced share of context switches)"
set yrange [-0.02:1.02]
set offsets graph 0.02, graph 0.02, 0, 0
eval "plot " . curves(ARG1, last1, "timeout_rate", echo_titles, 0) . ", " \
	    . curves(ARG2, last2, "timeout_rate", pingpong_titles, n1)
unset key
set lmargin at screen 0.57
set rmargin at screen 0.98
set title "log scale (a rate of 0 cannot show)"
set ylabel "timeout rate (log scale)"
set logscale y 10
set format y "%g"
set yrange [1e-5:1]
eval "plot " . curves(ARG1, last1, "timeout_rate", echo_titles, 0) . ", " \
	    . curves(ARG2, last2, "timeout_rate", pingpong_titles, n1)
unset multiplot
