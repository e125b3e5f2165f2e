#!/bin/bash
# Instructions per op that one part of the Linux guest kernel executes in a
# point's measured region, counted by the emulator plugin: the part's text
# (the longest run of System.map text symbols that its object defines) is
# handed to the plugin as the only m= range, carved out of the kernel's s=
# range, so the region's instr_m counts just that part. No firmware range
# is given: on this machine the region runs no firmware code (emu_instr_m 0
# on every linux row), so nothing else lands in instr_m.
# usage: linux/tools/kernel-profile.sh OBJECT WORKLOAD WORDS...
#   e.g. linux/tools/kernel-profile.sh io_uring/rw.o echo --backend uring --conc 64 --ops 8192 --size 64
# OBJECT is a path under build/linux/obj (io_uring/built-in.a, fs/pipe.o).
# Prints: OBJECT LO HI INSTR REGION_OPS INSTR_PER_OP
set -eu
L=${LINUX_DIR:-build/linux} O=${LINUX_DIR:-build/linux}/obj
obj=$1
shift
[ -r "$O/$obj" ] || { echo "kernel-profile: no $O/$obj (make builds the kernel)" >&2; exit 2; }
nm=riscv64-linux-gnu-nm
# The object's text symbols, then the longest run of them in address order.
range=$(awk 'NR == FNR { want[$1] = 1; next }
	$2 ~ /^[tTwW]$/ { if ($3 in want) { if (!run) { lo = $1; n = 0; run = 1 } n++ }
			  else if (run) { if (n > best) { best = n; blo = lo; bhi = $1 } run = 0 } }
	END { if (best) print "0x" blo, "0x" bhi }' \
	<("$nm" --defined-only "$O/$obj" | awk '$2 ~ /^[tT]$/ { print $3 }' | sort -u) "$O/System.map")
[ -n "$range" ] || { echo "kernel-profile: no text of $obj in System.map" >&2; exit 1; }
lo=${range% *} hi=${range#* }
# The kernel's virtual extent: from its first LOAD segment to the end of its last.
read -r kv kend < <(riscv64-linux-gnu-readelf -lW "$L/vmlinux" |
	awk '$1 == "LOAD" { if (!v) v = $3; e = $3; s = $6 } END { print v, e, s }' |
	{ read -r v e s; echo "$v $(printf '0x%x' $((e + s - 1)))"; })
stvec=0x$("$nm" "$L/vmlinux" | awk '$3 == "handle_exception" { print $1 }')
args="stvec=$stvec,s=$kv-$(printf '0x%x' $((lo - 1))),s=$hi-$kend,m=$lo-$(printf '0x%x' $((hi - 1)))"
out=$(qemu-system-riscv64 -machine virt -bios default -nographic -m 256M -smp 1 \
	-icount shift=0,sleep=off -kernel "$L/Image" -initrd "$L/initramfs.cpio" -no-reboot -seed 1 \
	-plugin "build/emu.so,$args" \
	-append "console=ttyS0 earlycon quiet panic=-1 rdinit=/init -- $*" 2>&1)
m=$(echo "$out" | grep -o '"region":{[^}]*' | grep -o '"instr_m":\[[0-9]*' | grep -o '[0-9]*$')
ops=$(echo "$out" | grep -o '"region_ops":[0-9]*' | grep -o '[0-9]*$')
[ -n "$m" ] && [ -n "$ops" ] || { echo "kernel-profile: the run printed no @emu or @run line" >&2; exit 1; }
echo "$obj $lo $hi $m $ops $(awk -v m="$m" -v o="$ops" 'BEGIN { printf "%.1f", m / o }')"
