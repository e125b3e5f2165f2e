#!/bin/sh
# user-split.sh "BOOTARGS" GROUP...: the user program's instructions per op
# of the measured region, split by function with the emulator plugin. Each
# GROUP is NAME=fn1+fn2+... (functions of build/os/uprog/wl.elf); one run
# per group, with the group's address ranges as the plugin's only m= ranges,
# so its window instr_m counts just that code. Prints "NAME per-op".
#   os/tools/user-split.sh "hz=100 sqmode=enter -- echo --backend async \
#     --notify poll --conc 64 --ops 8192 --size 64" switch=wl_coro_switch
set -eu
bootargs=$1; shift
QEMU=${QEMU:-qemu-system-riscv64}
cross=${RV_PREFIX:-riscv64-unknown-elf-}
elf=${ELF:-build/os/uprog/wl.elf}
base=$(harness/plugin/refos-args.sh build/refos "$QEMU" | tr ',' '\n' | grep -v '^m=' | paste -sd, -)
syms=$("${cross}nm" -S "$elf")
for group in "$@"; do
	name=${group%%=*} ranges=""
	for fn in $(echo "${group#*=}" | tr '+' ' '); do
		set -- $(echo "$syms" | awk -v f="$fn" '$4 == f && NF == 4 { print $1, $2 }')
		[ $# -eq 2 ] || { echo "user-split: no function $fn in $elf" >&2; exit 1; }
		ranges=$(printf '%s,m=0x%s-0x%x' "$ranges" "$1" $((0x$1 + 0x$2 - 1)))
	done
	out=$(timeout --kill-after=5 "${TIMEOUT:-300}" "$QEMU" -machine virt -bios default -nographic \
		-smp 1 -m 256M -icount shift=0,sleep=off -kernel build/refos \
		-plugin "build/emu.so,$base$ranges" -append "$bootargs" </dev/null 2>&1 | tr -d '\r')
	m=$(echo "$out" | grep '^@emu' | sed 's/.*"window":{[^}]*"instr_m":\[\([0-9]*\)\].*/\1/')
	ops=$(echo "$out" | grep '^@run' | sed 's/.*"region_ops":\([0-9]*\).*/\1/')
	echo "$out" | grep '^@run' | grep -q '"verify":"ok"' || { echo "$name fail"; continue; }
	echo "$m $ops" | awk -v n="$name" '{ printf "%s %.1f\n", n, $1 / $2 }'
done
