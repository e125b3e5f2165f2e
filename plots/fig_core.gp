# The figure of docs/results.md, "Modelled cycles": the cache, TLB and
# trap-cost model (--core) under two core profiles. A column per workload and
# hart count (sync against enter and worker on one hart, against the poller
# on two); per profile, a row of modelled cycles per op (log scale) and a row
# of the U-mode misses per op the kernel caused (pollution: misses on blocks
# S- or M-mode code last removed), each configuration in its style.
# usage: gnuplot -c fig_core.gp PREFIX_A PREFIX_B SOURCE.csv OUT.svg|OUT.png|OUT.pdf [TITLE]
# Inputs: PREFIX-WORKLOAD-1hart.csv and PREFIX-WORKLOAD-2harts.csv, the data
# files ci/core-table.sh SET PREFIX writes for one profile's set (its
# "# core:" line names the profile); SOURCE, a data file scbench plot wrote
# for the first set, whose "# source:" line captions the figure.
if (ARGC < 4) {
	print "usage: gnuplot -c fig_core.gp PREFIX_A PREFIX_B SOURCE.csv OUT.svg|OUT.png|OUT.pdf [TITLE]"
	exit status 2
}
workloads = "echo pingpong"
harts = "1hart 2harts"
do for [p in ARG1 . " " . ARG2] {
	do for [w in workloads] {
		do for [h in harts] {
			f = p . "-" . w . "-" . h . ".csv"
			if (system("test -r '" . f . "' && echo ok") ne "ok") {
				print "fig_core.gp: cannot read data file " . f
				exit status 1
			}
		}
	}
}
if (system("test -r '" . ARG3 . "' && echo ok") ne "ok") {
	print "fig_core.gp: cannot read data file " . ARG3
	exit status 1
}
out = ARG4
title = ""
fig_size = "2000,2100"
wins_wrap = 1
dir = ARG0
i = strlen(dir)
while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
dir = i > 0 ? dir[1:i] : ""
load dir . "style.gp"
eval source_label(ARG3)
core_of(file) = system(sprintf("sed -n 's/^# core: //p' '%s' | head -n 1", file))
hart_words(h) = h eq "1hart" ? "one hart" : "two harts"

set key outside below center horizontal samplen 2.5 spacing 1 width 1 font ",9"
set multiplot layout 4, 4 title (ARGC >= 5 ? ARG5 : "")
do for [p in ARG1 . " " . ARG2] {
	prof = core_of(p . "-echo-1hart.csv")
	# Each panel fitted to its own data (log 10: the poller and sync differ up to 100x
	# at concurrency 1, the one-hart configurations by a few times).
	do for [w in workloads] {
		do for [h in harts] {
			f = p . "-" . w . "-" . h . ".csv"
			set ylabel "modelled cycles per op (log scale)"
			call dir . "axis.gp" "y" "log10" "modelled_cycles_per_op" f
			# shaded where an async configuration costs fewer modelled cycles than sync
			eval wins(f, "modelled_cycles_per_op", "lower", "")
			set title with_notes(sprintf("%s: %s, %s", prof, w, hart_words(h)), win_text, \
				curves_note(f, "modelled_cycles_per_op"))
			eval "plot " . curves(f, "modelled_cycles_per_op", "title columnhead(1)")
			unset object
		}
	}
	do for [w in workloads] {
		do for [h in harts] {
			f = p . "-" . w . "-" . h . ".csv"
			set ylabel "U-mode misses per op the kernel caused"
			call dir . "axis.gp" "y" "linear0" "poll_per_op" f
			set title with_notes(sprintf("%s: %s, %s: pollution", prof, w, hart_words(h)), \
				curves_note(f, "poll_per_op"), "")
			eval "plot " . curves(f, "poll_per_op", "title columnhead(1)")
		}
	}
}
unset multiplot
eval fig_done
