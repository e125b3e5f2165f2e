# Break-even trap penalty per async configuration against sync at the same point: above it, async costs fewer modelled cycles per op. Only positive values can show on the log axis; summary.md lists all, with the direction.
# usage: gnuplot -c breakeven.gp DATA.csv OUT.svg|OUT.png [TITLE]
# DATA: one data set per configuration (blocks two blank lines apart), each
# with a header whose first field is the curve's label; columns by name.
if (ARGC < 2) {
	print "usage: gnuplot -c breakeven.gp DATA.csv OUT.svg|OUT.png [TITLE]"
	exit status 2
}
if (system("test -r '" . ARG1 . "' && echo ok") ne "ok") {
	print "breakeven.gp: cannot read data file " . ARG1
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

set ylabel "break-even trap penalty (cycles per trap, log scale)"
set logscale y 10
plot for [k=0:*] ARG1 index k using (column("conc")):(column("breakeven_p_trap")) title columnhead(1)
