#!/bin/bash
# What the emulator plugin costs a refos sweep: the same sweep run with
# --instrument plugin and with --instrument none, ROUNDS times each,
# interleaved (the order alternating each round) so that the host's load,
# which moves on a shared machine, falls on both alike. Prints each run's
# wall, user and system seconds (of scbench and every QEMU it ran), then
# for each the medians, their ratio and the spread of the per-round ratios
# (docs/results.md, "What the plugin costs").
#
# User and system time are kept apart because they move for different
# reasons: user time is QEMU emulating, which is what the plugin adds to;
# system time is mostly the host zeroing the guest's RAM as it is first
# touched, the same work with and without the plugin, and it swings by
# about 2x between identical runs with the host's huge-page luck.
# usage: ci/plugin-cost.sh [ROUNDS [SWEEP [LIMIT]]]
#   ROUNDS  rounds of one run each way (default 5)
#   SWEEP   a sweep file (default ci/gate.sweep)
#   LIMIT   exit 1 when the ratio of median wall times exceeds it
#           (default 1.1: "a sweep with the plugin takes at most 1.1x the
#           time of the same sweep without it")
# Environment: SCBENCH, KERNEL, PLUGIN (default build/scbench, build/refos,
# build/emu.so), JOBS (default 1: one point at a time, so that the points
# of one run do not compete with each other).
set -eu
. "$(dirname "$0")/tap.sh"
ROUNDS=${1:-5} SWEEP=${2:-ci/gate.sweep} LIMIT=${3:-1.1}
S=${SCBENCH:-build/scbench} K=${KERNEL:-build/refos} P=${PLUGIN:-build/emu.so} JOBS=${JOBS:-1}
[ -x "$S" ] || { echo "plugin-cost.sh: no $S (make builds it)" >&2; exit 2; }
case $ROUNDS in '' | *[!0-9]* | 0) echo "plugin-cost.sh: ROUNDS '$ROUNDS': want a count of at least 1" >&2; exit 2 ;; esac
[ -r "$SWEEP" ] || { echo "plugin-cost.sh: SWEEP '$SWEEP': no such file" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one MODE ROUND: runs the sweep once, appends "MODE ROUND WALL USER SYS".
one() {
	/usr/bin/time -o "$tmp/time" -f "%e %U %S" "$S" sweep --config "$SWEEP" --kernel "$K" \
		--plugin "$P" --instrument "$1" -j "$JOBS" -o "$tmp/$1-$2" > /dev/null 2>"$tmp/err" || true
	grep -q "0 failed" "$tmp/err" || { echo "plugin-cost.sh: $1 run $2 failed:" >&2; tail -3 "$tmp/err" >&2; exit 1; }
	# With the plugin every row must carry its counts, without it none.
	local have
	have=$(csv_col "$tmp/$1-$2/runs.csv" emu_instr 2>/dev/null | grep -c . || true)
	if { [ "$1" = plugin ] && [ "$have" -ne "$(csv_rows "$tmp/$1-$2/runs.csv")" ]; } ||
		{ [ "$1" = none ] && [ "$have" -ne 0 ]; }; then
		echo "plugin-cost.sh: $1 run $2: $have rows with emu_instr" >&2
		exit 1
	fi
	echo "$1 $2 $(tail -1 "$tmp/time")" | tee -a "$tmp/times"
}

echo "mode round wall_s user_s sys_s   ($SWEEP, $ROUNDS rounds, -j $JOBS, load $(cut -d' ' -f1-3 /proc/loadavg))"
for r in $(seq "$ROUNDS"); do
	if [ $((r % 2)) -eq 1 ]; then one none "$r"; one plugin "$r"; else one plugin "$r"; one none "$r"; fi
done
awk -v limit="$LIMIT" '
function median(a, n,    i, j, t) {
	for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
# report NAME FIELD: one line for one measure; returns the ratio of medians.
function report(name, k,    r, wn, wp, rt, mn, mp) {
	for (r = 1; r <= n; r++) {
		wn[r] = t["none", r, k]; wp[r] = t["plugin", r, k]
		rt[r] = wn[r] > 0 ? wp[r] / wn[r] : 0
	}
	mn = median(wn, n); mp = median(wp, n)
	printf "%-6s without %.2f [%.2f-%.2f], with %.2f [%.2f-%.2f]: ratio of medians %.3f, per-round ratios median %.3f [%.3f-%.3f]\n", \
		name " s:", mn, wn[1], wn[n], mp, wp[1], wp[n], mp / mn, median(rt, n), rt[1], rt[n]
	return mp / mn
}
{ t[$1, $2, 3] = $3; t[$1, $2, 4] = $4; t[$1, $2, 5] = $5; t[$1, $2, 6] = $4 + $5; if ($2 > n) n = $2 }
END {
	wall = report("wall", 3); report("user", 4); report("sys", 5); report("CPU", 6)
	ok = wall <= limit
	printf "the plugin costs %.3fx the wall time: %s %.2fx\n", wall, ok ? "within" : "over", limit
	exit !ok
}' "$tmp/times"
