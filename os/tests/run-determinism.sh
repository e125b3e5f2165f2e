#!/bin/sh
# Under -icount shift=0,sleep=off the same run twice must give the same
# @run line, counter for counter. Checked for single- and multi-hart boots.
. "$(dirname "$0")/../../ci/tap.sh"
. "$(dirname "$0")/same-run.sh"
determinism() { same_run "determinism $1" "$(boot_run "$2" "$3")" "$(boot_run "$2" "$3")"; }
determinism "echo smp1" 1 "hz=100 -- echo --backend sync --conc 4 --ops 2000 --size 64"
determinism "pingpong procs smp1" 1 "hz=1000 -- pingpong --backend sync --conc 2 --ops 2000 --size 8 --procs"
determinism "stream smp1" 1 "hz=100 -- stream --backend sync --conc 2 --ops 200 --size 4096"
determinism "pingpong smp2" 2 "hz=1000 -- pingpong --backend sync --conc 4 --ops 2000 --size 8"
determinism "echo async enter uintr smp1" 1 "hz=100 sqmode=enter -- echo --backend async --notify uintr --conc 16 --ops 2000 --size 64"
determinism "pingpong async worker poll smp1" 1 "hz=100 sqmode=worker -- pingpong --backend async --notify poll --conc 8 --ops 2000 --size 64"
determinism "echo async worker uintr smp1" 1 "hz=1000 sqmode=worker -- echo --backend async --notify uintr --conc 16 --ops 2000 --size 64"
determinism "echo adaptive enter poll smp1" 1 "hz=100 sqmode=enter -- echo --backend adaptive --notify poll --conc 1 --ops 2000 --size 64"
determinism "pingpong adaptive worker wait smp1" 1 "hz=1000 sqmode=worker -- pingpong --backend adaptive --notify wait --conc 4 --ops 2000 --size 64"
determinism "null adaptive poller poll smp2" 2 "hz=1000 sqmode=poller -- null --backend adaptive --notify poll --conc 2 --ops 2000 --size 64"
# The region opens just after a timer tick, so what ran before it cannot move
# a count inside it: a larger memory (a longer page-allocator set-up at
# boot) gives the same traps, ticks, switches and ring counts, on one hart
# and with a poller on two. Instructions may still move by a few hundred a
# run: the spin that waits for the tick can be left at any of its few
# instructions, so later ticks land that much earlier or later in the
# region's instruction stream (docs/methodology.md). A tick that lands a few
# instructions apart may find the thread about to block, so one forced
# switch can become a voluntary one: ctx_forced and ctx_switches may differ
# by one; every other count, the ticks included, must be equal.
without_instructions() { sed -E 's/"(instret|vtime_ns|verify_instret|ctx_switches|ctx_forced)":[0-9]+,?//g'; }
forced() { sed -n 's/.*"ctx_forced":\([0-9]*\).*/\1/p'; }
phase_independent() {
	a=$(MEM=256M boot_run "$2" "$3") b=$(MEM=320M boot_run "$2" "$3")
	same_run "phase independence $1" "$(echo "$a" | without_instructions)" \
		"$(echo "$b" | without_instructions)"
	fa=$(echo "$a" | forced) fb=$(echo "$b" | forced)
	if [ -n "$fa" ] && [ -n "$fb" ] && [ $((fa - fb)) -le 1 ] && [ $((fb - fa)) -le 1 ]; then
		ok "phase independence $1: forced switches within one ($fa, $fb)"
	else
		not_ok "phase independence $1: forced switches within one" "$fa against $fb"
	fi
}
phase_independent "echo sync hz=10000 smp1" 1 "hz=10000 -- echo --backend sync --conc 4 --ops 3000 --size 64"
phase_independent "echo poller wait hz=10000 smp2" 2 "hz=10000 sqmode=poller -- echo --backend async --notify wait --conc 64 --ops 1000 --size 64"
finish
