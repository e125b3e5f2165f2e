# refos U->S traps per operation as if user interrupts were hardware: without
# the uintr_return traps and the IPIs only the emulation sends (an upper
# bound of the saving). Other configurations are unchanged.
# usage: gnuplot -c traps_hw_uintr.gp DATA.csv OUT.svg|OUT.png [TITLE]
# DATA: one data set per configuration (blocks two blank lines apart), each
# with a header whose first field is the curve's label; columns by name.
if (ARGC < 2) {
	print "usage: gnuplot -c traps_hw_uintr.gp DATA.csv OUT.svg|OUT.png [TITLE]"
	exit status 2
}
if (system("test -r '" . ARG1 . "' && echo ok") ne "ok") {
	print "traps_hw_uintr.gp: cannot read data file " . ARG1
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

set ylabel "traps per operation, hardware user interrupts (log scale)"
set logscale y 10
plot for [k=0:*] ARG1 index k using (column("conc")):(column("traps_per_op_hw_uintr")) title columnhead(1)
