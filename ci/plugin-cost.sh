#!/bin/bash
# What the emulator plugin costs a refos sweep: the same sweep run with
# --instrument plugin and with --instrument none, ROUNDS times each,
# interleaved (the order alternating each round) so that the host's load,
# which moves on a shared machine, falls on both alike. Prints each run's
# wall and CPU seconds (user + system of scbench and every QEMU it ran),
# then the medians, their ratio, and the spread of the per-round ratios
# (docs/results.md, "What the plugin costs").
# usage: ci/plugin-cost.sh [ROUNDS [SWEEP [LIMIT]]]
#   ROUNDS  rounds of one run each way (default 5)
#   SWEEP   a sweep file (default ci/gate.sweep)
#   LIMIT   exit 1 when the median CPU ratio exceeds it (default 1.1)
# Environment: SCBENCH, KERNEL, PLUGIN (default build/scbench, build/refos,
# build/emu.so), JOBS (default 1: one point at a time, so that the points
# of one run do not compete with each other).
set -eu
. "$(dirname "$0")/tap.sh"
ROUNDS=${1:-5} SWEEP=${2:-ci/gate.sweep} LIMIT=${3:-1.1}
S=${SCBENCH:-build/scbench} K=${KERNEL:-build/refos} P=${PLUGIN:-build/emu.so} JOBS=${JOBS:-1}
[ -x "$S" ] || { echo "plugin-cost.sh: no $S (make builds it)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one MODE ROUND: runs the sweep once, appends "MODE ROUND WALL CPU".
one() {
	local t
	/usr/bin/time -o "$tmp/time" -f "%e %U %S" "$S" sweep --config "$SWEEP" --kernel "$K" \
		--plugin "$P" --instrument "$1" -j "$JOBS" -o "$tmp/$1-$2" > /dev/null 2>"$tmp/err" || true
	t=$(tail -1 "$tmp/time")
	grep -q "0 failed" "$tmp/err" || { echo "plugin-cost.sh: $1 run $2 failed:" >&2; tail -3 "$tmp/err" >&2; exit 1; }
	# With the plugin every row must carry its counts, without it none.
	local have
	have=$(csv_col "$tmp/$1-$2/runs.csv" emu_instr 2>/dev/null | grep -c . || true)
	if { [ "$1" = plugin ] && [ "$have" -ne "$(csv_rows "$tmp/$1-$2/runs.csv")" ]; } ||
		{ [ "$1" = none ] && [ "$have" -ne 0 ]; }; then
		echo "plugin-cost.sh: $1 run $2: $have rows with emu_instr" >&2
		exit 1
	fi
	set -- "$1" "$2" $t
	echo "$1 $2 $3 $(echo "$4 $5" | awk '{ printf "%.2f", $1 + $2 }')" | tee -a "$tmp/times"
}

echo "mode round wall_s cpu_s   ($SWEEP, $ROUNDS rounds, -j $JOBS, load $(cut -d' ' -f1-3 /proc/loadavg))"
for r in $(seq "$ROUNDS"); do
	if [ $((r % 2)) -eq 1 ]; then one none "$r"; one plugin "$r"; else one plugin "$r"; one none "$r"; fi
done
awk -v limit="$LIMIT" '
function median(a, n,    i, j, t) {
	for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{ w[$1, $2] = $3; c[$1, $2] = $4; if ($2 > n) n = $2 }
END {
	for (r = 1; r <= n; r++) {
		wn[r] = w["none", r]; wp[r] = w["plugin", r]; cn[r] = c["none", r]; cp[r] = c["plugin", r]
		rw[r] = wp[r] / wn[r]; rc[r] = cp[r] / cn[r]
	}
	mwn = median(wn, n); mwp = median(wp, n); mcn = median(cn, n); mcp = median(cp, n)
	mrw = median(rw, n); mrc = median(rc, n)
	printf "wall s: without %.2f [%.2f-%.2f], with %.2f [%.2f-%.2f]: ratio of medians %.3f, per-round ratios median %.3f [%.3f-%.3f]\n", \
		mwn, wn[1], wn[n], mwp, wp[1], wp[n], mwp / mwn, mrw, rw[1], rw[n]
	printf "CPU s:  without %.2f [%.2f-%.2f], with %.2f [%.2f-%.2f]: ratio of medians %.3f, per-round ratios median %.3f [%.3f-%.3f]\n", \
		mcn, cn[1], cn[n], mcp, cp[1], cp[n], mcp / mcn, mrc, rc[1], rc[n]
	ok = mcp / mcn <= limit
	printf "the plugin costs %.3fx the CPU time: %s %.2fx\n", mcp / mcn, ok ? "within" : "over", limit
	exit !ok
}' "$tmp/times"
