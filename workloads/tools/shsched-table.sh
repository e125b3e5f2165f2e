#!/bin/sh
# The shared scheduler against the classic one, on the work that crosses
# address spaces (docs/results.md, "The shared scheduler"): pingpong
# between two processes (--procs) across concurrency, and mixed (pingpong
# beside a task that never yields) across hz. One boot per point under
# -icount (exact), one CSV row each, to stdout:
#   set,sched,backend,conc,hz,ops,region_ops,instret,u_traps,ecalls,
#   ctx_switches,ctx_forced,as_switches,shs_direct,shs_timeouts,verify,
#   instr_per_op,traps_per_op,ctx_per_op,as_per_op,timeout_rate
# (per op: over region_ops; timeout_rate: ctx_forced / ctx_switches, the
# definition of figure 4)
# sched is classic, classic+fastpath (fastpath=1, which sched=shared also
# installs: it separates the fast path's share from the scheduler's) or
# shared. Usage: workloads/tools/shsched-table.sh [KERNEL] (build/refos).
# About two minutes on one core.
KERNEL=${1:-build/refos}
export KERNEL
cd "$(dirname "$0")/../.." || exit 1
cols="region_ops instret u_traps ecalls ctx_switches ctx_forced as_switches shs_direct shs_timeouts"
per_op() {
	awk -F, -v OFS=, 'NR == 1 { print $0, "instr_per_op,traps_per_op,ctx_per_op,as_per_op,timeout_rate"; next }
		{ o = $7 > 0 ? $7 : 1; c = $11 > 0 ? $11 : 1
		  print $0, sprintf("%.1f", $8 / o), sprintf("%.5f", $9 / o), sprintf("%.5f", $11 / o),
			sprintf("%.5f", $13 / o), sprintf("%.5f", $12 / c) }'
}
table() {
echo "set,sched,backend,conc,hz,ops,$(echo $cols | tr ' ' ','),verify"
knobs() {
	case $1 in
	classic) echo "sched=classic" ;;
	classic+fastpath) echo "sched=classic fastpath=1" ;;
	shared) echo "sched=shared" ;;
	esac
}
# row SET SCHED BACKEND CONC HZ OPS PROG...
row() {
	set_=$1 sched=$2 be=$3 conc=$4 hz=$5 ops=$6
	shift 6
	line=$(sh os/tests/boot.sh 600 1 "hz=$hz sqmode=enter $(knobs $sched) -- $*" | grep '^@run')
	out="$set_,$sched,$be,$conc,$hz,$ops"
	for c in $cols; do
		out="$out,$(echo "$line" | sed -n "s/.*\"$c\":\([0-9]*\).*/\1/p")"
	done
	v=$(echo "$line" | sed -n 's/.*"verify":"\([a-z]*\)".*/\1/p')
	echo "$out,${v:-none}"
}
for s in classic classic+fastpath shared; do
	for c in 1 4 16 64 256; do
		row pingpong $s async $c 100 8192 pingpong --backend async --notify wait \
			--conc $c --ops 8192 --size 64 --procs
	done
	# a process per task: 64 slots bound it
	for c in 1 4 16; do
		row pingpong $s sync $c 100 4096 pingpong --backend sync --conc $c --ops 4096 \
			--size 64 --procs
	done
	for hz in 100 250 1000; do
		row mixed $s async 16 $hz 8192 mixed --backend async --notify wait --conc 16 \
			--ops 8192 --size 64 --procs --spin 50000
		row mixed $s sync 4 $hz 2048 mixed --backend sync --conc 4 --ops 2048 --size 64 \
			--procs --spin 50000
	done
done
}
# each curve's rows together, in x order, so that a plot draws it whole
table | per_op | { IFS= read -r h; echo "$h"; sort -t, -k1,1 -k2,2 -k3,3 -k4,4n -k5,5n; }
