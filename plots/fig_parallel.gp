# The figure of docs/results.md, "Two harts in parallel": two harts under
# multi-threaded TCG, sync against the poller. Left: instructions per op of
# the workload's hart and of the other hart (the emulator plugin's per-hart
# counts); right: ops per second of the guest's clock. Each point is the
# median of the repetitions, its bar the median's interval.
# usage: gnuplot -c fig_parallel.gp DATA.csv OUT.svg|OUT.png [TITLE]
# Input: the data file ci/parallel-table.sh SET DATA writes (a row per
# configuration and concurrency, x its position).
if (ARGC < 2) {
	print "usage: gnuplot -c fig_parallel.gp DATA.csv OUT.svg|OUT.png [TITLE]"
	exit status 2
}
if (system("test -r '" . ARG1 . "' && echo ok") ne "ok") {
	print "fig_parallel.gp: cannot read data file " . ARG1
	exit status 1
}
out = ARG2
title = ""
fig_size = "1500,700"
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"

set datafile columnheaders
unset logscale x
set format x "%s"
set xlabel "configuration, concurrency"
set xtics rotate by -30
set offsets 0.5, 0.5, graph 0.05, graph 0.05
set style data yerrorbars
set multiplot layout 1, 2 title (ARGC >= 3 ? ARG3 : "")
set title "instructions per op, by hart (log scale)"
set ylabel "instructions per op (log scale)"
set logscale y 10
plot ARG1 using ($3 - 0.1):"hart":"hart_lo":"hart_hi":xtic(sprintf("%s %d", strcol("config"), column("conc"))) \
	lt 1 title "the workload's hart", \
     ARG1 using ($3 + 0.1):"rest":"rest_lo":"rest_hi" lt 2 title "the other hart (poller's)"
set title "throughput"
set ylabel "ops per second of the guest's clock (host time)"
unset logscale y
set yrange [0:*]
plot ARG1 using 3:"ops":"ops_lo":"ops_hi":xtic(sprintf("%s %d", strcol("config"), column("conc"))) \
	lt 3 title "median and its interval"
unset multiplot
eval fig_done
