#!/bin/sh
# The fast system-call path (fastpath=1) changes how many instructions a
# call costs and nothing else: without a timer tick (hz=0, one hart) a run
# with it must give the same @run line as a run without it, counter for
# counter, once instret and vtime_ns are set aside. And it repeats exactly.
. "$(dirname "$0")/../../ci/tap.sh"
. "$(dirname "$0")/same-run.sh"
run_line() { boot_run "$1" "$2" | sed 's/"instret":[0-9]*,"vtime_ns":[0-9]*,//'; }
same_results() {
	knobs=$2 prog=$3
	same_run "fastpath same results: $1" "$(run_line 1 "$knobs fastpath=0 -- $prog")" \
		"$(run_line 1 "$knobs fastpath=1 -- $prog")"
}
same_results "null sync" "hz=0" "null --backend sync --conc 4 --ops 2000"
same_results "echo sync" "hz=0" "echo --backend sync --conc 4 --ops 2000 --size 64"
same_results "pingpong sync" "hz=0" "pingpong --backend sync --conc 4 --ops 2000 --size 8"
same_results "pingpong sync procs" "hz=0" "pingpong --backend sync --conc 2 --ops 1000 --size 8 --procs"
same_results "stream sync" "hz=0" "stream --backend sync --conc 2 --ops 200 --size 4096"
# a user interrupt after ring_enter leaves through the full frame
same_results "echo async enter uintr" "hz=0 sqmode=enter" "echo --backend async --notify uintr --conc 16 --ops 2000 --size 64"
# ring_enter switches to the worker thread from inside a fast call
same_results "pingpong async worker uintr" "hz=0 sqmode=worker" "pingpong --backend async --notify uintr --conc 8 --ops 2000 --size 64"

args="hz=1000 fastpath=1 -- pingpong --backend sync --conc 4 --ops 2000 --size 8"
same_run "fastpath determinism pingpong smp2" "$(boot_run 2 "$args")" "$(boot_run 2 "$args")"
finish
