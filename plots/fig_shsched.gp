# The shared scheduler against the classic one (docs/results.md, "The
# shared scheduler"): left, instructions per op of pingpong between two
# processes against concurrency; middle, address-space switches per op;
# right, the timeout rate (ctx_forced / ctx_switches) of mixed against hz.
# usage: gnuplot -c fig_shsched.gp RUNS.csv OUT.svg|OUT.png [TITLE]
# Input: the table workloads/tools/shsched-table.sh writes (its per-op
# columns already divided: the script selects rows and draws).
if (ARGC < 2) {
	print "usage: gnuplot -c fig_shsched.gp RUNS.csv OUT.svg|OUT.png [TITLE]"
	exit status 2
}
if (system("test -r '" . ARG1 . "' && echo ok") ne "ok") {
	print "fig_shsched.gp: cannot read data file " . ARG1
	exit status 1
}
out = ARG2
title = ""
fig_size = "1500,680"
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"

f = ARG1
# columns: 1 set, 2 sched, 3 backend, 4 conc, 5 hz, 17 instr_per_op,
# 20 as_per_op, 21 timeout_rate
sel(s, sc, be) = strcol(1) eq s && strcol(2) eq sc && strcol(3) eq be
scheds = "classic classic+fastpath shared"
set multiplot title (ARGC >= 3 ? ARG3 : "")
set bmargin at screen 0.3
set tmargin at screen 0.88
set key at screen 0.5, screen 0.01 center bottom horizontal maxrows 3 width 1

set lmargin at screen 0.06
set rmargin at screen 0.32
set title "pingpong between two processes: instructions per op"
set ylabel "instructions per op"
plot for [k = 1:3] f using (sel("pingpong", word(scheds, k), "async") ? $4 : NaN):17 \
	skip 1 lt k title "async, " . word(scheds, k), \
     for [k = 1:3] f using (sel("pingpong", word(scheds, k), "sync") ? $4 : NaN):17 \
	skip 1 lt k + 3 title "sync (a process a task), " . word(scheds, k)
unset key

set lmargin at screen 0.39
set rmargin at screen 0.65
set title "address-space switches per op"
set ylabel "satp writes per op (log scale)"
set logscale y 10
set format y "%g"
plot for [k = 1:3] f using (sel("pingpong", word(scheds, k), "async") ? $4 : NaN):20 \
	skip 1 lt k notitle, \
     for [k = 1:3] f using (sel("pingpong", word(scheds, k), "sync") ? $4 : NaN):20 \
	skip 1 lt k + 3 notitle

set lmargin at screen 0.72
set rmargin at screen 0.98
set title "mixed: timeout rate (timer-forced share of switches)"
set xlabel "hz (timer interrupts per second)"
set ylabel "timeout rate (log scale)"
set logscale x 10
set yrange [1e-3:1]
plot for [k = 1:3] f using (sel("mixed", word(scheds, k), "async") ? $5 : NaN):21 \
	skip 1 lt k notitle, \
     for [k = 1:3] f using (sel("mixed", word(scheds, k), "sync") ? $5 : NaN):21 \
	skip 1 lt k + 3 notitle
unset multiplot
eval fig_done
