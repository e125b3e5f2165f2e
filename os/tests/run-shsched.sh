#!/bin/sh
# The workloads across address spaces, on the classic scheduler and the
# shared one (sched=shared): pingpong split in two processes (--procs) and
# mixed (pingpong beside a task that never yields), sync and async, on one
# and two harts. Every byte verified; a shared async run must have switched
# straight between the two executors (shs_direct) and a classic one never;
# both must have switched address space. Under -icount a run repeats
# exactly. A bad workload argument is exit 2, naming it.
. "$(dirname "$0")/../../ci/tap.sh"
. "$(dirname "$0")/same-run.sh"
field() { echo "$1" | sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p"; }

# point NAME HARTS SCHED PROG: verified, split, and on the scheduler named
point() {
	line=$(boot_run "$2" "hz=100 sched=$3 -- $4")
	direct=$(field "$line" shs_direct) as=$(field "$line" as_switches)
	if [ -z "$line" ]; then
		not_ok "$1" "no @run line: $4"
	elif ! echo "$line" | grep -q '"verify":"ok"'; then
		not_ok "$1" "verify failed: $line"
	elif [ "${as:-0}" -eq 0 ]; then
		not_ok "$1" "no address-space switch: the tasks did not run in two processes" "$line"
	elif [ "$3" = classic ] && [ "${direct:-0}" -ne 0 ]; then
		not_ok "$1" "a classic run switched through the shared scheduler" "$line"
	elif [ "$3" = shared ] && echo "$4" | grep -q -- '--backend async' && [ "${direct:-0}" -eq 0 ]; then
		not_ok "$1" "the executors never yielded straight to each other" "$line"
	else
		ok "$1"
	fi
}

pp_async="pingpong --backend async --notify wait --conc 8 --ops 2000 --size 64 --procs"
pp_sync="pingpong --backend sync --conc 2 --ops 1000 --size 64 --procs"
mx_async="mixed --backend async --notify wait --conc 8 --ops 1000 --size 64 --procs --spin 2000"
mx_sync="mixed --backend sync --conc 2 --ops 500 --size 64 --procs --spin 2000"
for h in 1 2; do
	for s in classic shared; do
		point "pingpong async procs $s smp$h" $h $s "$pp_async"
		point "pingpong sync procs $s smp$h" $h $s "$pp_sync"
		point "mixed async procs $s smp$h" $h $s "$mx_async"
		point "mixed sync procs $s smp$h" $h $s "$mx_sync"
	done
done
point "pingpong adaptive procs shared smp1" 1 shared "pingpong --backend adaptive --conc 4 --ops 1000 --size 64 --procs"
# One process (no --procs): the shared executor over one lane still verifies.
line=$(boot_run 1 "hz=100 sched=shared -- mixed --backend adaptive --conc 4 --ops 1000 --size 64 --spin 1000")
check "mixed adaptive threads shared smp1 verifies" sh -c "echo '$line' | grep -q '\"verify\":\"ok\"'"

for h in 1 2; do
	for a in "$pp_async" "$mx_async"; do
		args="hz=1000 sched=shared -- $a"
		same_run "shared repeats exactly smp$h: ${a%% *}" "$(boot_run $h "$args")" "$(boot_run $h "$args")"
	done
done

# bad_arg NAME OPTION PROG: exit 2, and the message names the option
bad_arg() {
	out=$(sh os/tests/boot.sh 60 1 "hz=100 -- $3")
	rc=$?
	if [ $rc -ne 2 ]; then
		not_ok "$1" "exit $rc, not 2" "$out"
	elif ! echo "$out" | grep -q -- "$2"; then
		not_ok "$1" "the message does not name $2" "$out"
	else
		ok "$1"
	fi
}
bad_arg "--spin 0 is refused" --spin "mixed --backend async --spin 0"
bad_arg "--spin on pingpong is refused" --spin "pingpong --backend async --spin 10"
bad_arg "--procs with the null backend is refused" --procs "pingpong --backend null --procs"
bad_arg "--procs with coroutines on echo is refused" --procs "echo --backend async --procs"
finish
