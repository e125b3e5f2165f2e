# refos instructions per operation, counted on every hart (instret under icount).
# usage: gnuplot -c instr_per_op.gp DATA.csv OUT.svg|OUT.png [TITLE]
# DATA: one data set per configuration (blocks two blank lines apart), each
# with a header whose first field is the curve's label; columns by name.
if (ARGC < 2) {
	print "usage: gnuplot -c instr_per_op.gp DATA.csv OUT.svg|OUT.png [TITLE]"
	exit status 2
}
if (system("test -r '" . ARG1 . "' && echo ok") ne "ok") {
	print "instr_per_op.gp: cannot read data file " . ARG1
	exit status 1
}
# The style file sits next to this script; it reads out and title, since
# load does not pass ARG1..ARG3 on.
out = ARG2
title = ARGC >= 3 ? ARG3 : ""
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"

# Log scale: a slow mode (the poller under icount) can cost 100x the others
# at low concurrency and would flatten every other curve on a linear axis.
set ylabel "instructions per operation (all harts, log scale)"
set logscale y 10
set yrange [*:*]
plot for [k=0:*] ARG1 index k using (column("conc")):(column("instr_per_op")) title columnhead(1)
