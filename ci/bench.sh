#!/bin/sh
# make bench: the default sweep on refos (ci/bench.sweep), a short host sweep
# when the host workload binary exists (ci/bench-host.sweep), and their
# figures, replacing the sets of an earlier make bench. Ends by saying where
# the CSV files and figures are.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
S="$BUILD/scbench"
[ -x "$S" ] || { echo "bench: $S missing (run make)" >&2; exit 1; }
status=0

start=$(date +%s)
"$S" sweep --config ci/bench.sweep --kernel "$BUILD/refos" --force -o results/bench || status=1
# Figures even after failed points: those rows are left out and listed.
"$S" plot results/bench -o plots/bench || status=1

host=""
if [ -x "$BUILD/wl-host" ]; then
	"$S" sweep --config ci/bench-host.sweep --host-bin "$BUILD/wl-host" --force -o results/bench-host || status=1
	"$S" plot results/bench-host -o plots/bench-host || status=1
	host=1
else
	echo "bench: skipped the host sweep: no $BUILD/wl-host (the workloads part builds it)" >&2
fi

echo "bench: done in $(($(date +%s) - start)) s" >&2
echo "bench: refos results: results/bench/runs.csv (summary.csv, meta.json, logs/)" >&2
echo "bench: refos figures: plots/bench/*.svg, *.png; tables: plots/bench/summary.md" >&2
if [ -n "$host" ]; then
	echo "bench: host results: results/bench-host/runs.csv" >&2
	echo "bench: host figures: plots/bench-host/*.svg, *.png; tables: plots/bench-host/summary.md" >&2
fi
exit $status
