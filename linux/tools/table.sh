#!/bin/bash
# The per-op table of docs/results.md ("The same calls on both kernels"):
# each row one point on refos and on Linux, one hart, -icount, 10000 ops,
# counted by the emulator plugin on both, so the two columns are measured
# the same way. Prints Markdown: instructions per op of the steady-state
# region (all privilege levels) and, after the slash, the kernel's share
# (S- and M-mode code). The timeout is generous: on a loaded machine a
# Linux point can take minutes of wall clock, its counts unchanged.
# usage: linux/tools/table.sh [SCBENCH]   (from the top of the tree)
set -eu
S=${1:-build/scbench}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# label | workload | conc | size | refos backend | linux backend
rows="null system call (getpid)|null|1|1|sync|sync
the framework alone, no call|null|1|1|null|null
1-byte pipe write + read|echo|1|1|sync|sync
64-byte pipe write + read|echo|1|64|sync|sync
1-byte round trip between two threads|pingpong|1|1|sync|sync
ring NOP, one per enter|null|1|1|async|uring
ring NOP, 64 per enter|null|64|1|async|uring
ring 64-byte write + read, 64 per enter|echo|64|64|async|uring
sync 64-byte write + read, 64 tasks|echo|64|64|sync|sync"
one() { # TARGET WORKLOAD BACKEND CONC SIZE
	"$S" run --target "$1" --workload "$2" --backend "$3" --conc "$4" --size "$5" --ops 10000 --timeout 900 \
		--format csv 2>/dev/null | awk -F, '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["status"] != "ok" { print "failed: " $c["reason"]; next }
		{ o = $c["region_ops"]; printf "%.0f / %.0f", $c["emu_instr"] / o, ($c["emu_instr_s"] + $c["emu_instr_m"]) / o }'
}
echo "| per op | refos | Linux 6.12 |"
echo "| --- | --- | --- |"
echo "$rows" | while IFS='|' read -r label w conc size rb lb; do
	echo "| $label | $(one refos "$w" "$rb" "$conc" "$size") ($rb) | $(one linux "$w" "$lb" "$conc" "$size") ($lb) |"
done
