# The shared scheduler against the classic one (docs/results.md, "The
# shared scheduler"): left, instructions per op of pingpong between two
# processes against concurrency; middle, address-space switches per op;
# right, the timeout rate (ctx_forced / ctx_switches) of mixed against hz.
# usage: gnuplot -c fig_shsched.gp RUNS.csv OUT.svg|OUT.png|OUT.pdf [TITLE]
# Input: the table workloads/tools/shsched-table.sh writes (its per-op
# columns already divided); shsched-blocks.awk turns each set's rows into
# scbench plot's layout, a block per backend and scheduler, so that every
# curve is drawn in its configuration's style.
if (ARGC < 2) {
	print "usage: gnuplot -c fig_shsched.gp RUNS.csv OUT.svg|OUT.png|OUT.pdf [TITLE]"
	exit status 2
}
if (system("test -r '" . ARG1 . "' && echo ok") ne "ok") {
	print "fig_shsched.gp: cannot read data file " . ARG1
	exit status 1
}
out = ARG2
title = ""
fig_size = "1500,720"
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"

pp = out . ".pingpong.csv"
mx = out . ".mixed.csv"
rc = system(sprintf("awk -F, -f '%sshsched-blocks.awk' -v set=pingpong -v x=conc '%s' > '%s' && " . \
	"awk -F, -f '%sshsched-blocks.awk' -v set=mixed -v x=hz '%s' > '%s' && echo ok", dir, ARG1, pp, dir, ARG1, mx))
if (rc ne "ok") {
	print "fig_shsched.gp: cannot split " . ARG1
	exit status 1
}
set multiplot title (ARGC >= 3 ? ARG3 : "")
set bmargin at screen 0.3
set tmargin at screen 0.84
set key at screen 0.5, screen 0.01 center bottom horizontal maxrows 3 width 1
wins_wrap = 1

# Left: instructions, the cost async has to save: shaded where async takes
# fewer than sync under the same scheduler.
set lmargin at screen 0.06
set rmargin at screen 0.32
set ylabel "instructions per op"
call dir . "axis.gp" "y" "linear" "instr_per_op" pp
eval wins(pp, "instr_per_op", "lower", "")
set title with_notes("pingpong between two processes: instructions per op", win_text, curves_note(pp, "instr_per_op"))
eval "plot " . curves(pp, "instr_per_op", "title columnhead(1)")
unset key

# Middle and right: the mechanisms the scheduler changes, not costs: no
# region.
unset object
set lmargin at screen 0.39
set rmargin at screen 0.65
set ylabel "satp writes per op (log scale)"
call dir . "axis.gp" "y" "log10" "as_per_op" pp
set title with_notes("address-space switches per op", curves_note(pp, "as_per_op"), "")
eval "plot " . curves(pp, "as_per_op", "notitle")

set lmargin at screen 0.72
set rmargin at screen 0.98
set xlabel "hz (timer interrupts per second)"
set ylabel "timeout rate (log scale)"
set logscale x 10
curves_x = "hz"
call dir . "axis.gp" "y" "log10" "timeout_rate" mx
set title with_notes("mixed: timeout rate (timer-forced share of switches)", curves_note(mx, "timeout_rate"), "")
eval "plot " . curves(mx, "timeout_rate", "notitle")
unset multiplot
rc = system(sprintf("rm -f '%s' '%s'", pp, mx))
eval fig_done
