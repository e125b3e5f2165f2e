#!/bin/bash
# The riscv64 coroutine switch (the one refos's async backend uses), tested
# on QEMU's virt machine as a bare-metal S-mode program under OpenSBI, for
# the hard-float (lp64d: fs0-fs11 saved too) and soft-float ABIs.
# usage: coro-riscv64.sh   (from the repository root)
set -u
. "$(dirname "$0")/lib.sh"
CC=riscv64-unknown-elf-gcc
QEMU=qemu-system-riscv64
for tool in $CC $QEMU; do
	if ! command -v $tool >/dev/null; then
		skip "riscv64 coroutine switch" "$tool is not installed"
		exit 0
	fi
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
D=workloads/tests/rv64

for abi in "rv64gc lp64d" "rv64imac_zicsr lp64"; do
	set -- $abi
	name="riscv64 ($2)"
	elf=$TMP/coro-$2.elf
	if ! $CC -march=$1 -mabi=$2 -mcmodel=medany -ffreestanding -nostdlib \
		-O2 -g -Wall -Wextra -Werror -std=gnu11 -Iworkloads/include \
		-T $D/rv64.ld -o "$elf" $D/start.S $D/coro_test.c \
		workloads/core/coro.c workloads/core/coro_riscv64.S 2>"$TMP/log"; then
		not_ok "$name coroutine test builds" "$(head -20 "$TMP/log")"
		continue
	fi
	out=$(timeout 30 $QEMU -machine virt -bios default -nographic -smp 1 \
		-m 64M -no-reboot -kernel "$elf" 2>&1)
	rc=$?
	# our lines only, named after the ABI; the firmware banner is dropped
	grep -E '^(ok|not ok) - ' <<<"$out" | sed "s/ - / - $name: /"
	if [ $rc -ne 0 ] || ! grep -q '^# done' <<<"$out"; then
		not_ok "$name coroutine test ran to the end" "exit $rc" "$(tail -5 <<<"$out")"
	fi
done
finish
