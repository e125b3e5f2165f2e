#!/bin/sh
# boot.sh SECONDS HARTS "BOOTARGS": boots build/refos under QEMU with exact
# instruction counting (ICOUNT= sets -icount's options; empty: none, the
# harts run in parallel) and prints the console (carriage returns dropped).
# A run that outlives SECONDS is killed and reported with an "@timeout" line.
# The exit status is QEMU's, which is init's exit status, or 124 on timeout.
secs=$1 harts=$2 args=$3
icount=${ICOUNT-shift=0,sleep=off}
KERNEL=${KERNEL:-build/refos}
QEMU=${QEMU:-qemu-system-riscv64}
MEM=${MEM:-256M}   # a different size changes only how long boot takes
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
timeout --kill-after=5 "$secs" "$QEMU" -machine virt -bios default -nographic \
	-smp "$harts" -m "$MEM" ${icount:+-icount "$icount"} -kernel "$KERNEL" \
	-append "$args" </dev/null >"$raw" 2>&1
rc=$?
tr -d '\r' <"$raw"
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	echo "@timeout after ${secs}s"
	rc=124
fi
exit $rc
