#!/bin/bash
# The pipe round-trip validation runs and prints a ratio. It is a benchmark,
# not a timed test: the ratio itself is not checked here, only that both
# sides ran and produced positive per-round-trip times.
# usage: pipe-rtt.sh WL_HOST
set -u
. "$(dirname "$0")/lib.sh"
BIN=${1:?usage: pipe-rtt.sh WL_HOST}
name="pipe-rtt prints wl-host vs perf bench ratio"

if ! perf bench sched pipe -T -l 10 >/dev/null 2>&1; then
	skip "$name" "perf bench sched pipe does not run here"
	exit 0
fi
err=$(mktemp)
line=$(workloads/tools/pipe-rtt.sh --loops 2000 --runs 1 "$BIN" 2>"$err")
rc=$?
ratio=$(sed -n 's/^@validate .*"ratio":\([0-9.]*\)}$/\1/p' <<<"$line")
if [ "$rc" -eq 0 ] && [ -n "$ratio" ] && awk -v r="$ratio" 'BEGIN { exit !(r > 0) }'; then
	ok "$name ($ratio)"
else
	not_ok "$name" "exit $rc: $line" "$(cat "$err")"
fi
rm -f "$err"
finish
