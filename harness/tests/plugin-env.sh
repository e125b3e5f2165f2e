# Sourced by the suites that boot refos with the emulator plugin, after
# ci/tap.sh, with K (kernel) and P (plugin) set.
ARGS_SH="$(dirname "$0")/../plugin/refos-args.sh"
QEMU=${QEMU:-qemu-system-riscv64}

# plugin_env_ready NAME...: every named check is skipped (and the suite
# ends) when QEMU, jq, the kernel or the plugin is missing; otherwise tmp
# is a scratch folder removed at exit and pargs the plugin's address
# arguments for this kernel (a failure to find them fails every check).
plugin_env_ready() {
	local tool n
	for tool in "$QEMU" jq; do
		if ! command -v "$tool" >/dev/null; then
			for n in "$@"; do skip "$n" "$tool missing (make deps installs it)"; done
			exit 0
		fi
	done
	if [ ! -r "$K" ] || [ ! -r "$P" ]; then
		for n in "$@"; do skip "$n" "no kernel at $K or plugin at $P (make builds them)"; done
		exit 0
	fi
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	if ! pargs=$("$ARGS_SH" "$K" "$QEMU" 2>"$tmp/args.err"); then
		for n in "$@"; do not_ok "$n" "$(cat "$tmp/args.err")"; done
		exit 1
	fi
}
