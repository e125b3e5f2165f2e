#!/bin/bash
# Faults become failed rows with a reason, within the timeout, never a hang:
# a fake QEMU (fake-qemu) panics, hangs, prints garbage or a truncated @run,
# exits badly or leaves children behind.
# usage: faults.sh SCBENCH
. "$(dirname "$0")/../../ci/tap.sh"
S="$1"
FAKE="$(cd "$(dirname "$0")" && pwd)/fake-qemu"
need_exec "scbench binary" "$S"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
touch "$tmp/kernel"

# fault NAME KNOB TIMEOUT MAX_SECONDS STATUS REASON: one point with a kernel
# knob for the fake; the row must have STATUS and REASON, in time.
fault() {
	local name="$1" knob="$2" timeout="$3" max="$4" want_status="$5" want_reason="$6"
	local out="$tmp/$name" start end rc
	start=$(date +%s.%N)
	"$S" sweep --qemu "$FAKE" --kernel "$tmp/kernel" --knob "$knob" --timeout "$timeout" --backend sync \
		--conc 2 --ops 10 -j 1 -o "$out" 2>"$tmp/$name.err"
	rc=$?
	end=$(date +%s.%N)
	local took status reason
	took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
	status=$(csv_col "$out/runs.csv" status 2>/dev/null)
	reason=$(csv_col "$out/runs.csv" reason 2>/dev/null)
	local want_rc=1
	[ "$want_status" = ok ] && want_rc=0
	if [ "$status" = "$want_status" ] && grep -qF -- "$want_reason" <<<"$reason" &&
	   [ "$rc" -eq "$want_rc" ] && awk -v t="$took" -v m="$max" 'BEGIN { exit !(t < m) }'; then
		ok "$name: $want_status in ${took}s${reason:+ ($reason)}"
	else
		not_ok "$name" "status '$status' reason '$reason' exit $rc after ${took}s" \
			"wanted '$want_status' '$want_reason' exit $want_rc within ${max}s" \
			"$(tail -3 "$tmp/$name.err")"
	fi
}

fault "panic" crash=panic 30 8 failed "panic: crash=panic asked for a panic"
fault "hang" crash=hang 2 6 failed "timeout after 2 s"
fault "garbage" fake=garbage 10 5 failed "no @run line"
fault "truncated @run" fake=truncated 10 5 failed "malformed @run JSON"
fault "@run with no JSON" fake=badrun 10 5 failed "malformed @run JSON"
fault "QEMU killed while printing @run" fake=cut 10 5 failed "killed by signal 9"
fault "init exit status" fake=exit3 10 5 failed "init exited with status 3"
fault "verify fail" fake=verify 10 5 failed "verify fail"
fault "the workload's own error" fake=aborted 10 5 failed "init exited with status 1: run aborted: error -24"
fault "the workload's last words" fake=early 10 5 failed "no @run line; the console ended 'wl: setup failed (error -12)'"
fault "@run for another point" fake=mismatch 10 5 failed "@run says conc=3, asked for 2"
fault "two @run lines" fake=two 10 5 failed "2 @run lines"
fault "no @exit" fake=noexit 10 5 failed "no @exit line"
fault "killed by a signal" fake=signal 10 5 failed "killed by signal 11"
fault "child left holding the console" fake=child 10 5 ok ""
fault "no power-off after @exit" fake=nopoweroff 30 10 ok "killed: no power-off after @exit"

# QEMU killed from outside mid-run (the OOM killer, a stray kill): a failed
# row at once, not a wait for the timeout.
touch "$tmp/kernel-victim"
"$S" sweep --qemu "$FAKE" --kernel "$tmp/kernel-victim" --knob fake=sleep20 --timeout 60 --backend sync \
	--conc 1 --ops 10 -j 1 -o "$tmp/victim" 2>"$tmp/victim.err" &
pid=$!
# " -kernel" (one dash) is on the fake's command line, not on scbench's.
for _ in $(seq 50); do pgrep -f " -kernel $tmp/kernel-victim" >/dev/null && break; sleep 0.1; done
start=$(date +%s)
pkill -KILL -f " -kernel $tmp/kernel-victim"
wait $pid
rc=$?
took=$(($(date +%s) - start))
reason=$(csv_col "$tmp/victim/runs.csv" reason 2>/dev/null)
if [ "$rc" -eq 1 ] && [ "$reason" = "killed by signal 9 (Killed)" ] && [ "$took" -lt 5 ]; then
	ok "QEMU killed mid-run: failed row in ${took}s ($reason)"
else
	not_ok "QEMU killed mid-run" "exit $rc, reason '$reason' after ${took}s" "$(tail -3 "$tmp/victim.err")"
fi

# The failed point's log keeps the console and the verdict.
log="$tmp/panic/$(csv_col "$tmp/panic/runs.csv" log_file)"
if [ -s "$log" ] && grep -q '^@panic' "$log" && grep -q '^# scbench: status failed: panic' "$log"; then
	ok "failed point's log holds the console and the verdict"
else
	not_ok "failed point's log holds the console and the verdict" "log: $log"
fi
# run without -o shows the last console lines on stderr instead.
"$S" run --qemu "$FAKE" --kernel "$tmp/kernel" --knob crash=panic --format csv >/dev/null 2>"$tmp/run.err"
check "run shows the console tail of a failed point" grep -q '| @panic crash=panic' "$tmp/run.err"

# A timeout kills the whole process group: nothing of the fake survives.
sleep 0.2
if pgrep -f "$FAKE" >/dev/null; then
	not_ok "no process left behind" "$(pgrep -af "$FAKE")"
else
	ok "no process left behind"
fi

# Mixed sweep: good and bad points side by side, exit status 1, every row.
"$S" sweep --qemu "$FAKE" --kernel "$tmp/kernel" --workload echo,pingpong --backend sync --conc 1,2 --ops 10 \
	--knob fake=verify -o "$tmp/mixed" 2>/dev/null
rc=$?
rows=$(csv_rows "$tmp/mixed/runs.csv")
check "a sweep with failed points exits 1 and keeps every row" test "$rc" -eq 1 -a "$rows" -eq 4
# Failed rows are never counted: no derived figures.
vals=$(csv_col "$tmp/mixed/runs.csv" instr_per_op | tr -d '\n')
check "failed rows carry no derived figures" test -z "$vals"
finish
