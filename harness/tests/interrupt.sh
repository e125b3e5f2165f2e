#!/bin/bash
# Ctrl-C (SIGINT) or SIGTERM to a running sweep: every point's process group
# is killed, even one that ignores the signal, the finished rows are kept,
# and the files stay consistent with each other (runs.csv, summary.csv, a
# log per row, meta.json saying interrupted, no temporary file).
# usage: interrupt.sh SCBENCH
. "$(dirname "$0")/fake-env.sh" "$1"

# stop NAME SIGNAL KNOB: a 14-point sweep, two at a time, stopped after
# 2.6 s (about four points done).
stop() {
	local name="$1" sig="$2" knob="$3" R="$tmp/$1"
	"$S" sweep --qemu "$FAKE" --kernel "$tmp/kernel" --backend sync --knob "$knob" \
		--conc 1..64 --size 1,2 --ops 10 -j 2 -o "$R" 2>"$tmp/$name.err" &
	local pid=$!
	sleep 2.6
	kill -"$sig" $pid
	wait $pid
	local rc=$?
	local rows fields logs sum
	rows=$(csv_rows "$R/runs.csv")
	fields=$(awk -F, '{ print NF }' "$R/runs.csv" | sort -u | wc -l)
	check "$name: exit status 130 ($rc)" test "$rc" -eq 130
	check "$name: the finished points ($rows of 14) in a valid runs.csv" \
		test "$rows" -ge 2 -a "$rows" -lt 14 -a "$fields" -eq 1
	logs=0
	for f in $(csv_col "$R/runs.csv" log_file); do
		[ -s "$R/$f" ] && grep -q '^# scbench: status ok' "$R/$f" && logs=$((logs + 1))
	done
	check "$name: a whole log per row and no other ($logs logs, $(ls "$R/logs" | wc -l) files)" \
		test "$logs" -eq "$rows" -a "$(ls "$R/logs" | wc -l)" -eq "$rows"
	sum=$(csv_col "$R/summary.csv" runs | awk '{ n += $1 } END { print n + 0 }')
	check "$name: summary.csv covers the same rows ($sum)" test "$sum" -eq "$rows"
	check "$name: meta.json says interrupted" grep -q '"interrupted": true' "$R/meta.json"
	check "$name: no temporary file" test -z "$(find "$R" -name '*.tmp*')"
	sleep 0.2
	check "$name: no QEMU left" test -z "$(pgrep -f " -kernel $tmp/kernel")"
}

stop "Ctrl-C" INT fake=sleep
stop "SIGTERM" TERM fake=sleep
stop "Ctrl-C, points that ignore it" INT fake=deaf
finish
