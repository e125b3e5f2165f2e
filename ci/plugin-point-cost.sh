#!/bin/bash
# What the emulator plugin costs one refos point, and how much of that is
# QEMU's own price for instrumenting blocks: one QEMU boot of the point run
# ROUNDS times in each of these ways, interleaved round by round:
#   none   no plugin
#   stub   a plugin that registers a translation callback and nothing else,
#          built here from harness/plugin/qemu_api.h (QEMU then rewrites
#          every block it translates, whatever the plugin does)
#   emu    build/emu.so as scbench loads it (count=inline on one hart,
#          count=block on more)
#   block  build/emu.so,count=block (one hart only: the two-hart way)
# and prints, per way, the median user time of QEMU (perf stat's user_time:
# the emulation, not the host's page zeroing) and the median and quartiles
# of the per-round difference and ratio against none (docs/results.md,
# "What the plugin costs").
# usage: ci/plugin-point-cost.sh [ROUNDS [HARTS [APPEND]]]
#   ROUNDS  runs of each way (default 20)
#   HARTS   harts of the machine (default 1)
#   APPEND  the kernel's command line (default a gate point: sync echo,
#           concurrency 32, 1000 ops)
# Environment: KERNEL, PLUGIN, QEMU, CC (default build/refos, build/emu.so,
# qemu-system-riscv64, cc).
set -eu
ROUNDS=${1:-20} HARTS=${2:-1}
APPEND=${3:-hz=100 -- echo --backend sync --conc 32 --ops 1000 --size 64}
K=${KERNEL:-build/refos} P=${PLUGIN:-build/emu.so} QEMU=${QEMU:-qemu-system-riscv64} CC=${CC:-cc}
case $ROUNDS in '' | *[!0-9]* | 0) echo "plugin-point-cost.sh: ROUNDS '$ROUNDS': want a count of at least 1" >&2; exit 2 ;; esac
case $HARTS in '' | *[!0-9]* | 0) echo "plugin-point-cost.sh: HARTS '$HARTS': want a count of at least 1" >&2; exit 2 ;; esac
for f in "$K" "$P"; do [ -r "$f" ] || { echo "plugin-point-cost.sh: no $f (make builds it)" >&2; exit 2; }; done
for t in "$QEMU" perf "$CC"; do
	command -v "$t" >/dev/null || { echo "plugin-point-cost.sh: no $t (make deps installs it)" >&2; exit 2; }
done
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/stub.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
#include "qemu_api.h"
QEMU_PLUGIN_EXPORT int qemu_plugin_version = EMU_QEMU_PLUGIN_VERSION;
static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	(void)id;
	(void)tb;
}
QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	(void)info;
	(void)argc;
	(void)argv;
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	return 0;
}
EOF
"$CC" -O2 -Wall -Werror -shared -fPIC -I"$here/harness/plugin" -o "$tmp/stub.so" "$tmp/stub.c"
pargs=$("$here/harness/plugin/refos-args.sh" "$K" "$QEMU")

ways=(none stub emu)
[ "$HARTS" = 1 ] && ways+=(block)
plugin_of() {
	case $1 in
	none) ;;
	stub) echo "$tmp/stub.so" ;;
	emu) echo "$P,$pargs" ;;
	block) echo "$P,$pargs,count=block" ;;
	esac
}

echo "way round user_ms   ($HARTS hart(s), '$APPEND', load $(cut -d' ' -f1-3 /proc/loadavg))"
for r in $(seq "$ROUNDS"); do
	for w in "${ways[@]}"; do
		pl=$(plugin_of "$w")
		perf stat -x, -e user_time -o "$tmp/stat" -- "$QEMU" -machine virt -bios default -nographic \
			-m 256M -smp "$HARTS" -icount shift=0,sleep=off -kernel "$K" ${pl:+-plugin "$pl"} \
			-append "$APPEND" > "$tmp/out" 2>&1 < /dev/null
		grep -aq '^@run ' "$tmp/out" || { echo "plugin-point-cost.sh: $w run $r: no @run line" >&2; tail -3 "$tmp/out" >&2; exit 1; }
		case $w in emu | block)
			grep -aq '^@emu {"vcpus"' "$tmp/out" || { echo "plugin-point-cost.sh: $w run $r: no @emu line" >&2; exit 1; }
		esac
		echo "$w $r $(awk -F, '/user_time/ { printf "%.1f", $1 / 1e6 }' "$tmp/stat")" | tee -a "$tmp/times"
	done
done
awk -v n="$ROUNDS" '
function sort(a, m,    i, j, t) { for (i = 2; i <= m; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } }
function q(a, m, f) { return a[int(f * (m - 1) + 1.5)] }
{ u[$1, $2] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++nw] = $1 } }
END {
	for (k = 1; k <= nw; k++) {
		w = order[k]
		for (r = 1; r <= n; r++) { a[r] = u[w, r]; d[r] = u[w, r] - u["none", r]; x[r] = u[w, r] / u["none", r] }
		sort(a, n); sort(d, n); sort(x, n)
		if (w == "none")
			printf "%-6s user %.1f ms [%.1f-%.1f]\n", w, q(a, n, .5), a[1], a[n]
		else
			printf "%-6s user %.1f ms [%.1f-%.1f]; against none: %+.1f ms [%+.1f, %+.1f], %.3fx [%.3f-%.3f] (median [quartiles])\n", \
				w, q(a, n, .5), a[1], a[n], q(d, n, .5), q(d, n, .25), q(d, n, .75), q(x, n, .5), q(x, n, .25), q(x, n, .75)
	}
}' "$tmp/times"
