#!/bin/bash
# What the cache model costs the emulator: CPU seconds (user, system,
# wall) of one refos point run bare, with the plugin counting, and with the
# model on a profile's figures indexing by virtual and by physical address,
# REPS times each (docs/results.md, "What the model costs").
# usage: ci/model-cost.sh KERNEL PLUGIN CORE REPS APPEND...
set -eu
K=$1 P=$2 C=$3 R=$4
shift 4
pargs=$(harness/plugin/refos-args.sh "$K")
# The profile's keys as the plugin takes them (the citations cut off).
model=$(grep -v '^#' "harness/cores/$C.core" | grep -v '^source' | grep . |
	sed 's/ *\[.*//; s/ = /=/' | paste -sd,)
for mode in bare plugin virt phys; do
	case $mode in
	bare) plug=() ;;
	plugin) plug=(-plugin "$P,$pargs") ;;
	*) plug=(-plugin "$P,$pargs,model=$mode,$model") ;;
	esac
	for r in $(seq "$R"); do
		/usr/bin/time -f "$mode user %U sys %S wall %e" qemu-system-riscv64 -machine virt \
			-bios default -nographic -m 256M -smp 1 -icount shift=0,sleep=off -kernel "$K" \
			"${plug[@]}" -append "$*" 2>&1 >/dev/null | tail -1
	done
done
