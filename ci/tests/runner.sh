#!/bin/bash
# ci/run-tests counts what each suite printed, all of it: checked on small
# suites, with a tee that is slow to write its copy as on a busy machine.
# usage: ci/tests/runner.sh   (from the top of the tree)
. "$(dirname "$0")/../tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#!/bin/sh\nsleep 1\nexec %s "$@"\n' "$(command -v tee)" > "$tmp/tee"
chmod +x "$tmp/tee"

# totals NAME WANT_LAST_LINE WANT_STATUS SUITE...: the runner's last line and status
totals() {
	local name=$1 want=$2 want_rc=$3
	shift 3
	local got rc
	PATH="$tmp:$PATH" SUITE_TIMEOUT=5 ci/run-tests "$@" >"$tmp/out" 2>/dev/null
	rc=$?
	got=$(grep -aE '^[0-9]+ passed, [0-9]+ failed$' "$tmp/out")
	if [ "$got" = "$want" ] && [ "$rc" -eq "$want_rc" ]; then
		ok "$name"
	else
		not_ok "$name" "got '$got' (status $rc), want '$want' (status $want_rc)"
	fi
}

totals "a failure on a suite's last line is counted" "1 passed, 1 failed" 1 \
	"printf 'ok - a\nnot ok - b\n'"
totals "passes and skips are counted apart" "2 passed, 0 failed" 0 \
	"printf 'ok - a\nok - b # SKIP no such tool\nok - c\n'"
totals "a suite that exits badly without a failure line fails once" "1 passed, 1 failed" 1 \
	"echo 'ok - a'; exit 3"
totals "a suite that outlives SUITE_TIMEOUT fails once" "0 passed, 1 failed" 1 \
	"sleep 30"
finish
