#!/bin/sh
# user-split.sh "BOOTARGS" GROUP...: the user program's instructions per op
# of the measured region, split by code with the emulator plugin. A GROUP
# is NAME=PART+PART+..., a PART either a function of the user program or
# @FILE, the instructions the program's line table gives to source file
# FILE (its base name: code inlined from it counts, wherever it landed).
# The group's address ranges are the plugin's only m= ranges, so its window
# instr_m counts just that code; runs are exact and repeat under -icount,
# so a group of more ranges than the plugin takes at once is counted in
# several runs and summed. Prints "NAME per-op".
#   os/tools/user-split.sh "hz=100 sqmode=enter -- echo --backend async \
#     --notify poll --conc 64 --ops 8192 --size 64" switch=wl_coro_switch \
#     ring=@ring_io.h+@wl_plat_ring.h+@wl_coro.h
# ELF and KERNEL name the user program and kernel (build/os/uprog/wl.elf,
# build/refos).
set -eu
bootargs=$1; shift
QEMU=${QEMU:-qemu-system-riscv64}
cross=${RV_PREFIX:-riscv64-unknown-elf-}
elf=${ELF:-build/os/uprog/wl.elf}
kernel=${KERNEL:-build/refos}
per_run=8	# MAX_RANGES in harness/plugin/emu.c
base=$(harness/plugin/refos-args.sh "$kernel" "$QEMU" | tr ',' '\n' | grep -v '^m=' | paste -sd, -)
syms=$("${cross}nm" -S "$elf")
# "lo hi" (hex, inclusive): the runs of addresses the line table gives to
# any of the files named (blank-separated), adjacent runs merged
file_ranges() {
	"${cross}objdump" --dwarf=decodedline "$elf" |
	awk '$3 ~ /^0x[0-9a-f]+$/ && $2 ~ /^[0-9]+$/ { print $3, $1 }' |
	sort -s -k1,1 | awk -v files=" $1 " '
		{ a = $1; file[a] = $2; if (!(a in seen)) { seen[a] = 1; addr[n++] = a } }
		END {
			for (i = 0; i + 1 < n; i++) {
				in_ = index(files, " " file[addr[i]] " ") > 0
				if (in_ && !prev) lo = addr[i]
				if (!in_ && prev) print lo, addr[i]
				prev = in_
			}
			if (prev) print lo, addr[n - 1]
		}' |
	while read -r lo next; do printf '0x%x 0x%x\n' $((lo)) $((next - 1)); done
}
fn_range() {   # FUNCTION -> "lo hi"
	set -- $(echo "$syms" | awk -v f="$1" '$4 == f && NF == 4 { print $1, $2 }')
	[ $# -eq 2 ] || { echo "user-split: no such function in $elf" >&2; exit 1; }
	printf '0x%s 0x%x\n' "$1" $((0x$1 + 0x$2 - 1))
}
ranges_of() {   # PART+PART... -> "lo hi" lines
	files=""
	for part in $(echo "$1" | tr '+' ' '); do
		case $part in
		@*) files="$files ${part#@}" ;;
		*) fn_range "$part" ;;
		esac
	done
	[ -z "$files" ] || file_ranges "$files"
}
# one run with the given m= ranges -> "instr_m region_ops", or "fail"
count() {
	out=$(timeout --kill-after=5 "${TIMEOUT:-300}" "$QEMU" -machine virt -bios default -nographic \
		-smp 1 -m 256M -icount shift=0,sleep=off -kernel "$kernel" \
		-plugin "build/emu.so,$base$1" -append "$bootargs" </dev/null 2>&1 | tr -d '\r')
	echo "$out" | grep '^@run' | grep -q '"verify":"ok"' || { echo fail; return; }
	echo "$(echo "$out" | grep '^@emu' | sed 's/.*"window":{[^}]*"instr_m":\[\([0-9]*\)\].*/\1/')" \
		"$(echo "$out" | grep '^@run' | sed 's/.*"region_ops":\([0-9]*\).*/\1/')"
}
for group in "$@"; do
	name=${group%%=*}
	list=$(ranges_of "${group#*=}" | sort -u | awk '{ printf ",m=%s-%s", $1, $2; if (++k % '"$per_run"' == 0) print "" } END { if (k % '"$per_run"') print "" }')
	total=0 ops=0
	for chunk in $list; do
		set -- $(count "$chunk")
		[ "$1" != fail ] || { total=fail; break; }
		total=$((total + $1)) ops=$2
	done
	[ "$total" != fail ] || { echo "$name fail"; continue; }
	echo "$total $ops" | awk -v n="$name" '{ printf "%s %.1f\n", n, $1 / $2 }'
done
