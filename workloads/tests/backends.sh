#!/bin/bash
# Every host backend x workload moves and verifies every byte, at several
# concurrencies, as threads, coroutines, processes, pinned and not.
# usage: backends.sh WL_HOST
set -u
. "$(dirname "$0")/lib.sh"
BIN=${1:?usage: backends.sh WL_HOST}

expected_bytes() {	# workload ops size
	case $1 in
	null) echo 0 ;;
	pingpong) echo $((2 * $2 * $3)) ;;
	*) echo $(($2 * $3)) ;;
	esac
}

point() {	# name workload ops size args...
	local name=$1 wl=$2 ops=$3 size=$4
	shift 4
	run_wl "$BIN" "$wl" --ops "$ops" --size "$size" "$@"
	check_run "$name" "$ops" "$(expected_bytes "$wl" "$ops" "$size")" && ok "$name"
}

for be in sync epoll uring uring-sqpoll null; do
	for wl in null echo pingpong stream; do
		# stream chunks larger than a pipe force partial transfers
		size=64
		[ "$wl" = stream ] && size=100000
		for conc in 1 4 32; do
			point "$be $wl conc=$conc verifies" "$wl" 2001 "$size" \
				--backend "$be" --conc "$conc"
		done
	done
done

point "sync echo as processes verifies" echo 2000 64 --backend sync --conc 4 --procs
point "sync pingpong as processes verifies" pingpong 2000 64 --backend sync --conc 2 --procs
point "sync pingpong pinned to one CPU verifies" pingpong 2000 4 --backend sync --pin 0
point "uring-sqpoll pinned apart verifies" echo 2000 64 --backend uring-sqpoll --conc 8 --pin 0,1
point "epoll echo at the message limit verifies" echo 2000 4096 --backend epoll --conc 8
point "uring pingpong conc 256 verifies" pingpong 5000 64 --backend uring --conc 256

# The checks above must be able to fail: a run that cannot verify does not
# exit 0 (the core checks the data, see test-sched for corrupted bytes).
run_wl "$BIN" echo --backend nosuch
if [ "$RC" -eq 2 ] && [ -z "$RUN" ]; then
	ok "unknown backend is a usage error"
else
	not_ok "unknown backend is a usage error" "exit $RC" "$RUN"
fi
finish
