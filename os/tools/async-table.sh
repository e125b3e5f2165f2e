#!/bin/sh
# async-table.sh [WORKLOADS] [CONCS]: instructions and U-mode traps per op
# for sync and every async mode (sqmode x notify) on refos under -icount,
# as a Markdown table. A benchmark for reports, not a test: it takes minutes.
#   os/tools/async-table.sh "echo pingpong" "1 4 16 64 256"
workloads=${1:-echo pingpong}
concs=${2:-1 4 16 64 256}
ops=${OPS:-8192}
size=${SIZE:-64}
run() {   # harts knobs workload backend-args conc -> "instr/op traps/op"
	line=$(sh os/tests/boot.sh "${TIMEOUT:-300}" "$1" "$2 -- $3 $4 --conc $5 --ops $ops --size $size" |
		grep '^@run')
	echo "$line" | grep -q '"verify":"ok"' || { echo "fail -"; return; }
	i=$(echo "$line" | sed 's/.*"instret":\([0-9]*\).*/\1/')
	t=$(echo "$line" | sed 's/.*"u_traps":\([0-9]*\).*/\1/')
	echo "$i $t" | awk -v ops="$ops" '{ printf "%.0f %.4f\n", $1 / ops, $2 / ops }'
}
for w in $workloads; do
	echo "### $w (size $size, $ops ops; cells: instructions/op, U-mode traps/op)"
	echo
	printf '| config |'; for c in $concs; do printf ' N=%s |' "$c"; done; echo
	printf '|---|'; for c in $concs; do printf '%s' '---|'; done; echo
	for cfg in "sync:1:hz=100:--backend sync" \
		"enter/wait:1:hz=100 sqmode=enter:--backend async --notify wait" \
		"enter/uintr:1:hz=100 sqmode=enter:--backend async --notify uintr" \
		"worker/poll:1:hz=100 sqmode=worker:--backend async --notify poll" \
		"worker/wait:1:hz=100 sqmode=worker:--backend async --notify wait" \
		"worker/uintr:1:hz=100 sqmode=worker:--backend async --notify uintr" \
		"poller/poll:2:hz=10000 sqmode=poller:--backend async --notify poll" \
		"poller/wait:2:hz=10000 sqmode=poller:--backend async --notify wait" \
		"poller/uintr:2:hz=10000 sqmode=poller:--backend async --notify uintr"; do
		name=${cfg%%:*}; rest=${cfg#*:}; harts=${rest%%:*}; rest=${rest#*:}
		knobs=${rest%%:*}; args=${rest#*:}
		printf '| %s |' "$name"
		for c in $concs; do
			set -- $(run "$harts" "$knobs" "$w" "$args" "$c")
			printf ' %s / %s |' "$1" "$2"
		done
		echo
	done
	echo
done
