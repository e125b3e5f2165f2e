#!/bin/sh
# Installs the Debian packages scbench needs, only those that are missing.
# Silent and fast when everything is present: one dpkg-query for the lot.
set -eu

PKGS="make gcc libc6-dev pkg-config
qemu-system-misc qemu-system-data gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf
gnuplot-nox libjansson-dev libcmocka-dev jq poppler-utils libxml2-utils
libbpf-dev bpftool clang llvm liburing-dev linux-perf hyperfine
linux-source-6.12 gcc-riscv64-linux-gnu libc6-dev-riscv64-cross flex bison bc xz-utils dpkg-dev"

# The Linux guest's liburing is built from Debian's source package
# (linux/linux.mk): apt-get source needs a deb-src line for the archive.
SRC_LIST=/etc/apt/sources.list.d/scbench-deb-src.sources
have_src() {
	grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/
}

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && have_src && exit 0

if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "deps: not root and no sudo; please install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! have_src; then
	echo "deps: adding $SRC_LIST (Debian's source packages)" >&2
	suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
	printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$suite" | $SUDO tee "$SRC_LIST" >/dev/null
	$SUDO apt-get update -qq >/dev/null || true
fi
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing" >&2
if ! $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
	# A stale package index is the usual cause on a fresh machine.
	$SUDO apt-get update -qq >/dev/null || true
	$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
		echo "deps: could not install:$missing" >&2
		exit 1
	}
fi
