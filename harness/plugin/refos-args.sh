#!/bin/bash
# Prints the emu plugin's arguments for a kernel on QEMU virt (refos, or any
# other whose trap vector is named by TRAP_SYMBOL), one comma-joined
# line, found from the binaries themselves (nothing here is a fixed address):
#   s=      the kernel's executable segment, at its virtual address (MMU on)
#           and at its physical load address (its first instructions)
#   stvec=  the kernel's trap vectors, the symbols of TRAP_SYMBOLS, a comma
#           list (refos's by default: trap_entry, and trap_entry_fast, which
#           stvec holds with fastpath=1 or sched=shared; Linux's is
#           handle_exception)
#   m=      the firmware's executable segment and the machine's reset ROM
#   ram=    where the machine's RAM begins (the cache model's physical
#           addresses of code need it)
#   mtvec=  the firmware's trap vector: OpenSBI ships without symbols, so it
#           is the address stored to mtvec whose first instruction swaps tp
#           with mscratch, which is how OpenSBI's trap handler starts
# Usage: refos-args.sh KERNEL_ELF [QEMU [TRAP_SYMBOLS]]
# The firmware is the one `-bios default` loads, from QEMU's data directory.
set -eu

kernel=$1
qemu=${2:-qemu-system-riscv64}
trap_syms=${3:-trap_entry,trap_entry_fast}
cross=${RV_PREFIX:-riscv64-unknown-elf-}
die() { echo "refos-args: $*" >&2; exit 1; }

[ -r "$kernel" ] || die "cannot read kernel $kernel"

# LOAD segments with the execute flag, as "virt phys memsz".
exec_segments() {
	"${cross}readelf" -lW "$1" | awk '$1 == "LOAD" && ($7 ~ /E/ || $8 ~ /E/) { print $3, $4, $6 }'
}
# bash arithmetic wraps at 64 bits, which high-half addresses need.
hexsum() { printf '0x%x' $(($1 + $2 - 1)); }

args=""
add() { args="${args:+$args,}$1"; }

# The kernel's segments first: a file that is not a kernel fails here, before
# the slower look at the firmware and QEMU.
segs=$(exec_segments "$kernel")
[ -n "$segs" ] || die "$kernel has no executable segment"

symbols=$("${cross}nm" "$kernel")
for sym in $(echo "$trap_syms" | tr , " "); do
	stvec=$(echo "$symbols" | awk -v s="$sym" '$3 == s { print "0x" $1 }')
	[ -n "$stvec" ] || die "$kernel has no symbol $sym"
	add "stvec=$stvec"
done

# The firmware: QEMU's first data directory holds it.
datadir=$("$qemu" -L help 2>/dev/null | head -n 1)
fw="$datadir/opensbi-riscv64-generic-fw_dynamic.elf"
bin="$datadir/opensbi-riscv64-generic-fw_dynamic.bin"
[ -r "$fw" ] || die "no firmware ELF at $fw"
# The ELF must be the image QEMU loads, or its addresses mean nothing.
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"${cross}objcopy" -O binary "$fw" "$tmp"
cmp -s -n "$(wc -c < "$bin")" "$tmp" "$bin" || die "$fw does not match $bin"

for s in $(exec_segments "$fw" | awk '{ print $2 "/" $3 }'); do
	phys=${s%%/*} size=${s#*/}
	add "m=$phys-$(hexsum "$phys" "$size")"
done

mtvec=$("${cross}objdump" -d "$fw" | awk '
	# a store to mtvec from a register set by auipc+addi: remember the target
	/\tadd[i]?\t/ && /#/ { split($0, cm, "# "); split(cm[2], tg, " "); split($4, r, ","); last[r[1]] = tg[1] }
	/\tcsrw\tmtvec,/ { split($4, r, ","); if (r[2] in last) cand["0x" last[r[2]]] = 1 }
	# the first instruction of each address
	/^ *[0-9a-f]+:\t/ { a = $1; sub(":", "", a); insn["0x" a] = $3 " " $4 }
	END { for (t in cand) if (insn[t] == "csrrw tp,mscratch,tp") print t }')
[ "$(echo "$mtvec" | grep -c .)" = 1 ] || die "cannot find one OpenSBI trap vector in $fw (found: ${mtvec:-none})"
add "mtvec=$mtvec"

# The reset ROM and RAM, from QEMU's own memory map.
mtree=$(printf 'info mtree\nquit\n' |
	"$qemu" -machine virt -S -display none -monitor stdio -serial none 2>/dev/null)
rom=$(echo "$mtree" | awk '/riscv_virt_board.mrom/ { print $1; exit }')
ram=$(echo "$mtree" | awk '/riscv_virt_board.ram/ { print $1; exit }')
[ -n "$rom" ] || die "cannot find the reset ROM in QEMU's memory map"
[ -n "$ram" ] || die "cannot find RAM in QEMU's memory map"
add "m=0x${rom%%-*}-0x${rom##*-}"
add "ram=0x${ram%%-*}"

# The kernel's executable segments. A segment whose physical address lies
# below the RAM (Linux's vmlinux counts them from 0) is placed where QEMU
# 7.2 loads a kernel after -bios: the first 2 MiB boundary above the
# firmware (hw/riscv/boot.c, riscv_calc_kernel_start_addr, 64-bit).
ram_lo=$((0x${ram%%-*}))
fw_end=$((ram_lo + $(wc -c < "$bin")))
load=$(((fw_end + 0x1fffff) & ~0x1fffff))
for s in $(echo "$segs" | awk '{ print $1 "/" $2 "/" $3 }'); do
	virt=${s%%/*} rest=${s#*/} phys=${rest%%/*} size=${rest#*/}
	[ $((phys)) -ge "$ram_lo" ] || phys=$(printf '0x%x' $((load + phys)))
	add "s=$virt-$(hexsum "$virt" "$size")"
	add "s=$phys-$(hexsum "$phys" "$size")"
done

echo "$args"
