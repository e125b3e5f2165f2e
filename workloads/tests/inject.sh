#!/bin/bash
# io_uring with injected faults still delivers and verifies every byte:
# short reads/writes (a request asks for half: the kernel really transfers
# less) and -EAGAIN completions (the request is not done at all) must both
# be absorbed by the core's retry loops.
# usage: inject.sh WL_HOST
set -u
. "$(dirname "$0")/lib.sh"
BIN=${1:?usage: inject.sh WL_HOST}
OPS=3000

for be in uring uring-sqpoll; do
	# Without injection a 64-byte message is one read and one write: the
	# baseline that makes the checks below able to fail.
	run_wl "$BIN" echo --backend "$be" --conc 8 --ops $OPS --size 64
	if check_run "$be echo clean baseline" $OPS $((OPS * 64)); then
		if [ "$(json_num io_reads "$RUN")" = $OPS ] &&
		   [ "$(json_num io_retries "$RUN")" = 0 ]; then
			ok "$be echo clean baseline"
		else
			not_ok "$be echo clean baseline" "$RUN"
		fi
	fi

	for wl in echo pingpong stream; do
		size=64
		msgs=$OPS
		[ "$wl" = pingpong ] && msgs=$((2 * OPS))
		[ "$wl" = stream ] && size=10000
		bytes=$((msgs * size))
		for inj in short eagain short,eagain; do
			name="$be $wl with injected $inj delivers every byte"
			run_wl "$BIN" "$wl" --backend "$be" --conc 8 --ops $OPS \
				--size $size --inject "$inj"
			check_run "$name" $OPS $bytes || continue
			reads=$(json_num io_reads "$RUN")
			writes=$(json_num io_writes "$RUN")
			retries=$(json_num io_retries "$RUN")
			why=""
			# proof the faults happened, not just that nothing broke
			case $inj in *short*)
				[ "$reads" -gt $msgs ] && [ "$writes" -gt $msgs ] ||
					why="no short transfers seen (reads=$reads writes=$writes)" ;;
			esac
			case $inj in *eagain*)
				[ "$retries" -gt 0 ] || why="no EAGAIN retried" ;;
			esac
			case $inj in short)
				[ "$retries" = 0 ] || why="retries without EAGAIN injection" ;;
			esac
			if [ -z "$why" ]; then ok "$name"; else not_ok "$name" "$why" "$RUN"; fi
		done
	done
done
finish
