#!/bin/bash
# End to end on the real kernel under QEMU: a tiny sweep and its figures,
# determinism of icount runs, and the kernel's crash knobs becoming failed
# rows within the timeout. Skipped, with the reason, when there is no kernel.
# usage: refos.sh SCBENCH KERNEL
. "$(dirname "$0")/../../ci/tap.sh"
S="$1" K="$2"
need_exec "scbench binary" "$S"
names=("tiny sweep on refos" "figures of the refos sweep" "determinism: same icount point twice"
       "crash=panic becomes a failed row" "crash=hang becomes a failed row within the timeout"
       "async in every sqmode and notify mode")
if [ ! -r "$K" ]; then
	for n in "${names[@]}"; do skip "$n" "no kernel at $K (make builds it)"; done
	exit 0
fi
if ! command -v qemu-system-riscv64 >/dev/null; then
	for n in "${names[@]}"; do skip "$n" "qemu-system-riscv64 missing (make deps installs it)"; done
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$S" sweep --kernel "$K" --workload echo,pingpong --backend sync,async --conc 1,4 --ops 400 \
	-o "$tmp/tiny" 2>"$tmp/tiny.err"
rc=$?
st=$(csv_col "$tmp/tiny/runs.csv" status | sort -u | tr '\n' ' ')
if [ $rc -eq 0 ] && [ "$(csv_rows "$tmp/tiny/runs.csv")" -eq 8 ] && [ "$st" = "ok " ]; then
	ok "${names[0]}"
else
	not_ok "${names[0]}" "exit $rc, statuses: $st" "$(csv_col "$tmp/tiny/runs.csv" reason | sort -u)"
fi

"$S" plot "$tmp/tiny" -o "$tmp/figs" 2>/dev/null
n=$(find "$tmp/figs" -maxdepth 1 \( -name '*.svg' -o -name '*.png' \) -size +1k | wc -l)
check "${names[1]} ($n files)" test "$n" -eq 16

# Every counter of the @run line, and the derived figures, must repeat; only
# the host-side wall time and the log name may differ.
for i in 1 2; do
	"$S" run --kernel "$K" --workload pingpong --backend async --sqmode worker --conc 8 \
		--ops 400 --format csv > "$tmp/det$i.csv" 2>/dev/null
done
diffs="" counted=0
for col in $(head -1 "$tmp/det1.csv" | tr ',' ' '); do
	[ "$col" = run_wall_ns ] && continue
	a=$(csv_col "$tmp/det1.csv" "$col") b=$(csv_col "$tmp/det2.csv" "$col")
	[ "$a" = "$b" ] || diffs="$diffs $col($a/$b)"
	[ -n "$a" ] && counted=$((counted + 1))
done
if [ "$(csv_col "$tmp/det1.csv" status)" = ok ] && [ -z "$diffs" ]; then
	ok "${names[2]} ($counted columns equal)"
else
	not_ok "${names[2]}" "status $(csv_col "$tmp/det1.csv" status); columns that differ:${diffs:- none}"
fi

start=$(date +%s)
"$S" run --kernel "$K" --knob crash=panic --timeout 30 --format csv > "$tmp/panic.csv" 2>/dev/null
took=$(($(date +%s) - start))
reason=$(csv_col "$tmp/panic.csv" reason)
check "${names[3]} in ${took}s ($reason)" test "$(csv_col "$tmp/panic.csv" status)" = failed -a \
	"${reason#panic}" != "$reason" -a "$took" -lt 25
start=$(date +%s)
"$S" run --kernel "$K" --knob crash=hang --timeout 3 --format csv > "$tmp/hang.csv" 2>/dev/null
took=$(($(date +%s) - start))
check "${names[4]} (${took}s)" test "$(csv_col "$tmp/hang.csv" reason)" = "timeout after 3 s" -a "$took" -lt 8

"$S" sweep --kernel "$K" --workload echo --backend async --sqmode enter,worker,poller \
	--notify poll,wait,uintr --harts 2 --conc 4 --ops 400 -o "$tmp/modes" 2>/dev/null
st=$(paste -d' ' <(csv_col "$tmp/modes/runs.csv" sqmode) <(csv_col "$tmp/modes/runs.csv" notify) \
	<(csv_col "$tmp/modes/runs.csv" status) <(csv_col "$tmp/modes/runs.csv" reason) | grep -v ' ok $')
check "${names[5]}${st:+ (failed: $st)}" test -z "$st" -a "$(csv_rows "$tmp/modes/runs.csv")" -eq 9
finish
