#!/bin/sh
# Installs the Debian packages scbench needs, only those that are missing.
# Silent and fast when everything is present: one dpkg-query for the lot.
set -eu

PKGS="make gcc libc6-dev pkg-config
qemu-system-misc qemu-system-data gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf
gnuplot-nox libjansson-dev libcmocka-dev jq
libbpf-dev bpftool clang llvm liburing-dev linux-perf hyperfine"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing" >&2
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "deps: not root and no sudo; please install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
	# A stale package index is the usual cause on a fresh machine.
	$SUDO apt-get update -qq >/dev/null || true
	$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
		echo "deps: could not install:$missing" >&2
		exit 1
	}
fi
