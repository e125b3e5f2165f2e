#!/bin/bash
# pipe-rtt.sh - the same pipe round trip measured two ways, side by side:
# wl-host's sync pingpong at concurrency 1 (two threads bouncing a 4-byte
# token over two pipes) and `perf bench sched pipe -T` (the same, perf's
# code). Both run under the same `taskset -c CPUS`, alternating, and the
# medians of the per-round-trip times are compared. A ratio near 1 says the
# workload framework adds little to what it measures.
#
# usage: pipe-rtt.sh [--cpus LIST] [--loops N] [--runs R] WL_HOST
#   --cpus   CPUs both programs may use (default 0: both threads on one CPU;
#            0,1 puts them where the scheduler likes, usually apart)
#   --loops  round trips per run (default 200000)
#   --runs   runs of each program (default 5)
# Prints progress on stderr and one line on stdout:
#   @validate {"cpus":"0","loops":N,"runs":R,"wl_rtt_ns":X,"perf_rtt_ns":Y,"ratio":X/Y}
# example: workloads/tools/pipe-rtt.sh --cpus 0 --runs 7 build/wl-host
set -u
cpus=0 loops=200000 runs=5
while [ $# -gt 1 ]; do
	case $1 in
	--cpus) cpus=$2; shift 2 ;;
	--loops) loops=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	*) echo "pipe-rtt: unknown option $1" >&2; exit 2 ;;
	esac
done
bin=${1:-}
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
	echo "usage: pipe-rtt.sh [--cpus LIST] [--loops N] [--runs R] WL_HOST" >&2
	exit 2
fi
for tool in perf taskset; do
	command -v $tool >/dev/null || { echo "pipe-rtt: $tool is not installed" >&2; exit 3; }
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

wl_times="" perf_times=""
for ((r = 1; r <= runs; r++)); do
	line=$(taskset -c "$cpus" "$bin" pingpong --backend sync --conc 1 \
		--ops "$loops" --size 4 | sed -n 's/^@run //p')
	wall=$(sed -n 's/.*"wall_ns":\([0-9]*\).*/\1/p' <<<"$line")
	verify=$(sed -n 's/.*"verify":"\([a-z]*\)".*/\1/p' <<<"$line")
	if [ -z "$wall" ] || [ "$verify" != ok ]; then
		echo "pipe-rtt: wl-host run failed: $line" >&2
		exit 1
	fi
	wl_ns=$(awk -v w="$wall" -v n="$loops" 'BEGIN { printf "%.1f", w / n }')
	us=$(taskset -c "$cpus" perf bench sched pipe -T -l "$loops" 2>&1 |
		awk '/usecs\/op/ { print $1 }')
	if [ -z "$us" ]; then
		echo "pipe-rtt: perf bench sched pipe printed no usecs/op" >&2
		exit 1
	fi
	perf_ns=$(awk -v u="$us" 'BEGIN { printf "%.1f", u * 1000 }')
	echo "run $r/$runs: wl-host $wl_ns ns, perf bench $perf_ns ns per round trip" >&2
	wl_times="$wl_times$wl_ns"$'\n'
	perf_times="$perf_times$perf_ns"$'\n'
done
wl_med=$(grep . <<<"$wl_times" | median)
perf_med=$(grep . <<<"$perf_times" | median)
ratio=$(awk -v a="$wl_med" -v b="$perf_med" 'BEGIN { printf "%.3f", a / b }')
echo "median round trip on CPUs $cpus: wl-host $wl_med ns, perf bench $perf_med ns, ratio $ratio" >&2
printf '@validate {"cpus":"%s","loops":%s,"runs":%s,"wl_rtt_ns":%s,"perf_rtt_ns":%s,"ratio":%s}\n' \
	"$cpus" "$loops" "$runs" "$wl_med" "$perf_med" "$ratio"
