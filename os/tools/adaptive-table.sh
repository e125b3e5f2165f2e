#!/bin/sh
# adaptive-table.sh [WORKLOADS] [CONCS] [BACKENDS]: mechanism instructions
# per op (instret less verify_instret) and U-mode traps per op of sync,
# async and adaptive on refos under -icount, one hart, hz=0, fastpath=1,
# sqmode=enter, --notify poll (async, adaptive). Each figure is
# differenced: a run of OPS and one of 2*OPS ops, the difference divided by
# OPS, so start-up cancels. Cells: instructions / traps. A benchmark for
# reports, not a test.
#   os/tools/adaptive-table.sh "null echo pingpong" "1 2 4 8 16 32 64"
workloads=${1:-null echo pingpong}
concs=${2:-1 2 4 8 16 32 64 128 256 512}
backends=${3:-sync async adaptive}
ops=${OPS:-2048}
size=${SIZE:-64}
knobs=${KNOBS:-hz=0 fastpath=1 sqmode=enter}
field() { echo "$1" | sed "s/.*\"$2\":\([0-9]*\).*/\1/"; }
counts() {   # workload backend conc ops -> "mechanism traps", or "fail"
	notify=""
	[ "$2" = sync ] || notify="--notify poll"
	line=$(sh os/tests/boot.sh "${TIMEOUT:-600}" 1 "$knobs -- $1 --backend $2 $notify --conc $3 --ops $4 --size $size" |
		grep '^@run')
	echo "$line" | grep -q '"verify":"ok"' || { echo fail; return; }
	echo "$(($(field "$line" instret) - $(field "$line" verify_instret))) $(field "$line" u_traps)"
}
per_op() {   # workload backend conc -> "instr traps" per op, differenced
	ops_a=$ops
	[ "$3" -gt "$ops_a" ] && ops_a=$3
	a=$(counts "$1" "$2" "$3" "$ops_a")
	b=$(counts "$1" "$2" "$3" $((2 * ops_a)))
	if [ "$a" = fail ] || [ "$b" = fail ]; then echo "fail fail"; return; fi
	echo "$a $b" | awk -v ops="$ops_a" '{ printf "%.1f %.3f\n", ($3 - $1) / ops, ($4 - $2) / ops }'
}
echo "mechanism instructions / U-mode traps per op; $knobs; size $size; differencing $ops and $((2 * ops)) ops"
echo
printf '| workload | backend |'; for c in $concs; do printf ' N=%s |' "$c"; done; echo
printf '|---|---|'; for c in $concs; do printf '%s' '---|'; done; echo
for w in $workloads; do
	for b in $backends; do
		printf '| %s | %s |' "$w" "$b"
		for c in $concs; do
			set -- $(per_op "$w" "$b" "$c")
			printf ' %s / %s |' "$1" "$2"
		done
		echo
	done
done
