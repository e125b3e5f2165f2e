#!/bin/bash
# scbench validate: it runs and prints a ratio (a benchmark, so the value is
# not judged here, only that both sides measured something positive), and a
# missing tool or a bad option is a clear error with its own exit status.
# usage: validate.sh SCBENCH WL_HOST
. "$(dirname "$0")/../../ci/tap.sh"
S="$1" BIN="$2"
need_exec "scbench binary" "$S"

err=$("$S" validate --runs 0 2>&1 >/dev/null)
check "validate: bad --runs is a usage error" test $? -eq 2 -a -n "$(grep -F -- "--runs: '0'" <<<"$err")"
err=$("$S" validate --cpus 0,1000 2>&1 >/dev/null)
check "validate: a CPU not online is a usage error" test $? -eq 2 -a -n "$(grep -F -- "--cpus: CPU 1000 is not online" <<<"$err")"
err=$("$S" validate --host-bin /nonexistent/wl-host 2>&1 >/dev/null)
rc=$?
check "validate: missing wl-host exits 3 and names it" \
	test $rc -eq 3 -a -n "$(grep -F "'/nonexistent/wl-host' not found" <<<"$err")"
help=$("$S" validate --help)
check "validate --help ends with examples" test -n "$(tail -3 <<<"$help" | grep 'scbench validate')"

name="validate prints both round-trip times and their ratio"
if [ ! -x "$BIN" ]; then
	skip "validate: missing perf exits 3" "no host binary at $BIN (make builds it)"
	skip "$name" "no host binary at $BIN (make builds it)"
	exit 0
fi
err=$(PATH=/nonexistent "$S" validate --host-bin "$BIN" 2>&1 >/dev/null)
rc=$?
check "validate: missing perf exits 3 and names it" test $rc -eq 3 -a -n "$(grep 'perf is not installed' <<<"$err")"
if ! perf bench sched pipe -T -l 10 >/dev/null 2>&1; then
	skip "$name" "perf bench sched pipe does not run here"
	exit 0
fi
out=$("$S" validate --host-bin "$BIN" --loops 2000 --runs 2 2>/dev/null)
rc=$?
line=$(grep '^@validate ' <<<"$out")
num() { sed -n "s/.*\"$1\":\([0-9.e+-]*\).*/\1/p" <<<"$line"; }
wl=$(num wl_rtt_ns) pf=$(num perf_rtt_ns) ratio=$(num ratio)
if [ $rc -eq 0 ] && grep -q '^machine: ' <<<"$out" &&
   awk -v a="$wl" -v b="$pf" -v r="$ratio" 'BEGIN { exit !(a > 0 && b > 0 && r > 0) }'; then
	ok "$name (wl-host $wl ns, perf $pf ns, ratio $ratio)"
else
	not_ok "$name" "exit $rc" "$out"
fi
finish
