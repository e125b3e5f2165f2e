#!/bin/sh
# A process holds RF_MAX_TASKS (1024) workload tasks: as threads under the
# sync backend (and the main thread), as coroutines under async. Sync echo
# and pingpong at 1024 tasks also need 2056 fds, more than RF_NOFILE.
. "$(dirname "$0")/../../ci/tap.sh"
at_limit() {
	name="1024 tasks: $1" harts=$2 args=$3
	out=$(sh os/tests/boot.sh 120 "$harts" "$args")
	run=$(echo "$out" | grep '^@run')
	if echo "$run" | grep -q '"verify":"ok"'; then
		ok "$name"
	else
		not_ok "$name" "${run:-no @run line}" "$(echo "$out" | tail -n 3)"
	fi
}
at_limit "sync null" 1 "hz=100 -- null --backend sync --conc 1024 --ops 1024 --size 64"
at_limit "sync stream, 512 pairs" 1 "hz=100 -- stream --backend sync --conc 512 --ops 1024 --size 64"
at_limit "sync null, smp2" 2 "hz=100 -- null --backend sync --conc 1024 --ops 1024 --size 64"
at_limit "async enter uintr pingpong, 512 pairs" 1 "hz=100 sqmode=enter -- pingpong --backend async --notify uintr --conc 512 --ops 1024 --size 64"
at_limit "async worker wait echo" 1 "hz=100 sqmode=worker -- echo --backend async --notify wait --conc 1024 --ops 1024 --size 64"
at_limit "async poller poll echo, smp2" 2 "hz=100 sqmode=poller -- echo --backend async --notify poll --conc 1024 --ops 1024 --size 64"
finish
