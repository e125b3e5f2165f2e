#!/bin/sh
# A process holds RF_MAX_TASKS (1024) workload tasks: as threads under the
# sync backend (and the main thread), as coroutines under async, with the
# fds they need: sync echo at 1024 tasks and sync pingpong at 512 pairs
# (1024 tasks) hold a pipe a task, 2048 fds and the standard ones, within
# RF_NOFILE.
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
at_limit "sync echo, fds for 1024 pipes" 1 "hz=100 -- echo --backend sync --conc 1024 --ops 2048 --size 64"
at_limit "sync pingpong, 512 pairs" 1 "hz=100 -- pingpong --backend sync --conc 512 --ops 1024 --size 64"
at_limit "sync pingpong, 512 pairs, smp2" 2 "hz=100 -- pingpong --backend sync --conc 512 --ops 1024 --size 64"
at_limit "async enter poll echo, 1024 pipes" 1 "hz=100 sqmode=enter -- echo --backend async --notify poll --conc 1024 --ops 2048 --size 64"
finish
