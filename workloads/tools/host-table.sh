#!/bin/bash
# host-table.sh - ops/s and syscalls per op for each host backend across
# concurrency levels, with the tracer's cost measured side by side. Each
# point runs REPS times untraced (timed) and REPS times traced (counted),
# alternating so drift hits both alike; ops/s is the median, the spread is
# (max - min) / median of the untraced runs; cpu ns/op is user + system time
# of the whole process (threads, SQ thread included) per op. Prints a
# Markdown table.
#
# usage: host-table.sh [--reps R] [--conc LIST] [--workloads LIST]
#                      [--backends LIST] [--ops N] WL_HOST
#   --backends is a space-separated list; a backend may carry wl-host options
#   after a colon, e.g. "sync uring-sqpoll:--pin=0,1"
# example: workloads/tools/host-table.sh --reps 5 build/wl-host
set -u
reps=5 concs="1 4 16 64 256" workloads="echo pingpong" ops=100000
backends="sync epoll uring uring-sqpoll uring-sqpoll:--pin=0,1 null"
while [ $# -gt 1 ]; do
	case $1 in
	--reps) reps=$2 ;;
	--conc) concs=${2//,/ } ;;
	--workloads) workloads=${2//,/ } ;;
	--backends) backends=$2 ;;	# space-separated: specs contain commas
	--ops) ops=$2 ;;
	*) echo "host-table: unknown option $1" >&2; exit 2 ;;
	esac
	shift 2
done
bin=${1:?usage: host-table.sh [options] WL_HOST}

num() { sed -n "s/.*\"$1\":\([0-9][0-9]*\).*/\1/p" <<<"$2"; }
stats() {	# values on stdin -> "median spread"
	sort -g | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.0f %.2f\n", m, (m > 0 ? (v[NR] - v[1]) / m : 0) }'
}

echo "| workload | backend | conc | ops/s | spread | cpu ns/op | syscalls/op | ctx/op | irqs/op | sqpoll cpu/op (ns) | ops/s traced | traced/untraced |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for wl in $workloads; do
	for spec in $backends; do
		be=${spec%%:*}
		extra=""
		[ "$spec" != "$be" ] && extra=${spec#*:} && extra=${extra//=/ }
		for conc in $concs; do
			plain="" traced="" cpu="" last=""
			for ((r = 0; r < reps; r++)); do
				for mode in plain traced; do
					t=""
					[ $mode = traced ] && t=--trace
					line=$("$bin" "$wl" --backend "$be" --conc "$conc" \
						--ops "$ops" --size 64 $extra $t | sed -n 's/^@run //p')
					if ! grep -q '"verify":"ok"' <<<"$line"; then
						echo "host-table: $wl $spec conc $conc failed: $line" >&2
						continue 2
					fi
					rate=$(awk -v n="$ops" -v w="$(num wall_ns "$line")" \
						'BEGIN { printf "%.0f", n / w * 1e9 }')
					if [ $mode = plain ]; then
						plain="$plain$rate"$'\n'
						cpu="$cpu$(( $(num cpu_user_ns "$line") + $(num cpu_sys_ns "$line") ))"$'\n'
					else
						traced="$traced$rate"$'\n'
						last=$line
					fi
				done
			done
			[ -n "$last" ] || continue	# every run failed: said above
			read -r p_med p_spread < <(grep . <<<"$plain" | stats)
			read -r t_med _ < <(grep . <<<"$traced" | stats)
			read -r cpu_med _ < <(grep . <<<"$cpu" | stats)
			sc=$(num syscalls "$last")
			ctx=$(( $(num ctx_vol "$last") + $(num ctx_invol "$last") ))
			irq=$(num irqs "$last")
			sq=$(num sqpoll_cpu_ns "$last")
			awk -v wl="$wl" -v be="$be${extra:+ ($extra)}" -v c="$conc" -v n="$ops" \
			    -v p="$p_med" -v s="$p_spread" -v cpu="$cpu_med" -v sc="$sc" -v ctx="$ctx" \
			    -v irq="$irq" -v sq="$sq" -v t="$t_med" 'BEGIN {
				printf "| %s | %s | %d | %d | %.2f | %.0f | %.4f | %.4f | %.4f | %s | %d | %.2f |\n",
				wl, be, c, p, s, cpu / n, sc / n, ctx / n, irq / n,
				(sq == "" ? "-" : sprintf("%.0f", sq / n)), t, (p > 0 ? t / p : 0) }'
		done
	done
done
