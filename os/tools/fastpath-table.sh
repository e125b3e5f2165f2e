#!/bin/sh
# fastpath-table.sh [WORKLOADS] [CONCS]: instructions per op of the sync
# backend with the full context save (fastpath=0) and the fast system-call
# path (fastpath=1), on refos under -icount, as a Markdown table.
#
# Per op by differencing: each cell runs OPS and 2*OPS operations and
# divides the difference in instret by OPS, so what every run pays once
# (tasks starting, the first op of each, the counters' own calls) cancels
# and the figure is the marginal cost of one op. The null backend row is
# the framework's own cost per op (no system call), so null sync minus
# null backend is the system call alone.
#   os/tools/fastpath-table.sh "null echo pingpong" "1 64"
workloads=${1:-null echo pingpong}
concs=${2:-1 64}
ops=${OPS:-10240}
size=${SIZE:-64}
instret() {   # knobs workload backend conc ops -> instret, or "fail"
	line=$(sh os/tests/boot.sh "${TIMEOUT:-300}" 1 "$1 -- $2 --backend $3 --conc $4 --ops $5 --size $size" |
		grep '^@run')
	echo "$line" | grep -q '"verify":"ok"' || { echo fail; return; }
	echo "$line" | sed 's/.*"instret":\([0-9]*\).*/\1/'
}
per_op() {   # knobs workload backend conc -> instructions per op, differenced
	a=$(instret "$1" "$2" "$3" "$4" "$ops")
	b=$(instret "$1" "$2" "$3" "$4" $((2 * ops)))
	if [ "$a" = fail ] || [ "$b" = fail ]; then echo fail; return; fi
	echo "$a $b" | awk -v ops="$ops" '{ printf "%.1f\n", ($2 - $1) / ops }'
}
echo "instructions per op, hz=0, size $size, differencing $ops and $((2 * ops)) ops"
echo
printf '| workload | backend |'; for c in $concs; do printf ' N=%s full | N=%s fast |' "$c" "$c"; done; echo
printf '|---|---|'; for c in $concs; do printf '%s' '---|---|'; done; echo
for w in $workloads; do
	backends=sync
	[ "$w" = null ] && backends="null sync"
	for b in $backends; do
		printf '| %s | %s |' "$w" "$b"
		for c in $concs; do
			printf ' %s | %s |' "$(per_op hz=0 "$w" "$b" "$c")" "$(per_op "hz=0 fastpath=1" "$w" "$b" "$c")"
		done
		echo
	done
done
