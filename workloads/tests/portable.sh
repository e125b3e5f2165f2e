#!/bin/bash
# The workload core builds freestanding (as refos builds it) and needs from
# its platform nothing beyond what wl_platform.h promises: the listed libc
# subset and wl_plat_* functions.
# usage: portable.sh   (from the repository root)
set -u
. "$(dirname "$0")/lib.sh"

ALLOWED="memcpy memset memcmp strlen strcmp strncmp strtoul snprintf vsnprintf
malloc calloc free"
SRCS=$(make -s --no-print-directory -f - print-core <<'MK'
include workloads/core/core.mk
print-core: ; @echo $(WL_CORE_SRCS)
MK
)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# check_freestanding NAME CC NM ASM FLAGS...
check_freestanding() {
	local name=$1 cc=$2 nm=$3 asm=$4
	shift 4
	if ! command -v "$cc" >/dev/null; then
		skip "$name" "$cc is not installed"
		return
	fi
	local objs="" src log=$TMP/log
	for src in $SRCS $asm; do
		local o=$TMP/$(basename "$src").$cc.o
		if ! "$cc" "$@" -ffreestanding -nostdlib -std=gnu11 -O2 -Wall -Wextra \
			-Werror -Iworkloads/include -Iworkloads/core -c "$src" -o "$o" 2>"$log"; then
			not_ok "$name" "$src does not compile" "$(head -20 "$log")"
			return
		fi
		objs="$objs $o"
	done
	# undefined minus defined: what the platform must supply
	local need extra
	need=$(comm -23 <("$nm" -u $objs | awk 'NF==2{print $2}' | sort -u) \
			<("$nm" --defined-only $objs | awk 'NF==3{print $3}' | sort -u))
	extra=$(grep -vxF -f <(tr ' ' '\n' <<<"$ALLOWED" | grep .) <<<"$need" |
		grep -v '^wl_plat_')
	if [ -n "$extra" ]; then
		not_ok "$name" "needs symbols the platform does not promise:" "$extra"
	else
		ok "$name"
	fi
}

check_freestanding "core builds freestanding for riscv64 (lp64d)" riscv64-unknown-elf-gcc \
	riscv64-unknown-elf-nm workloads/core/coro_riscv64.S \
	-march=rv64gc -mabi=lp64d -mcmodel=medany
check_freestanding "core builds freestanding for riscv64 (soft-float)" riscv64-unknown-elf-gcc \
	riscv64-unknown-elf-nm workloads/core/coro_riscv64.S \
	-march=rv64imac -mabi=lp64 -mcmodel=medany
check_freestanding "core builds freestanding for x86-64" gcc nm workloads/core/coro_x86_64.S -fno-pic

# No system header may creep into the core.
bad=$(grep -n '#include <' workloads/core/*.c workloads/core/*.h workloads/include/*.h |
	grep -vE '<(stdint|stddef|stdbool|stdarg)\.h>')
if [ -z "$bad" ]; then
	ok "core includes only freestanding headers"
else
	not_ok "core includes only freestanding headers" "$bad"
fi
finish
