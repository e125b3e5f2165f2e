#!/bin/sh
# The guest fuzzer (os/user/progs/fuzz) across serving modes, one and two
# harts, with and without -icount: over a million system calls in all.
# Each run is one boot with its own seed range; two at a time. A run
# passes when the driver's @fuzz line reports no finding and the boot ended
# with @exit 0: no panic, no hang (the timeout), no leaked page, no lost or
# doubled completion, no store outside the process. A finding prints its
# seed: make fuzz SEED=N CALLS=1 HARTS=.. KNOBS=".." [ICOUNT=] runs that
# child alone (docs/refos.md, "The fuzzer").
. "$(dirname "$0")/../../ci/tap.sh"
CALLS=${FUZZ_CALLS:-150000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# fuzz_run NAME HARTS KNOBS ICOUNT "SEED [fuzz options]": one boot; its
# console and status go to files named for it.
fuzz_run() {
	f="$dir/$(echo "$5" | tr ' ' _)"
	ICOUNT=$4 sh os/tests/boot.sh "${FUZZ_TIMEOUT:-170}" "$2" "$3 -- fuzz --calls $CALLS --seed $5" >"$f.out"
	echo $? >"$f.rc"
	echo "$1" >"$f.name"
}
ICOUNT_ON=shift=0,sleep=off
fuzz_run "enter smp1 icount" 1 "hz=100 sqmode=enter" "$ICOUNT_ON" 1 &
fuzz_run "enter smp2 icount hz=1000" 2 "hz=1000 sqmode=enter" "$ICOUNT_ON" 10001
wait
fuzz_run "enter smp2" 2 "hz=100 sqmode=enter" "" 20001 &
fuzz_run "worker smp1 icount" 1 "hz=100 sqmode=worker" "$ICOUNT_ON" 30001
wait
fuzz_run "worker smp2" 2 "hz=100 sqmode=worker" "" 40001 &
fuzz_run "worker smp2 icount hz=1000" 2 "hz=1000 sqmode=worker" "$ICOUNT_ON" 50001
wait
# A process with a ring ending while its worker serves on another hart
# leaked a pipe (4 pages): teardown closed the fd table under the server.
fuzz_run "ring_teardown worker smp2" 2 "hz=100 sqmode=worker" "" "40001 --only ring_teardown --calls 8000" &
fuzz_run "poller smp2 icount" 2 "hz=100 sqmode=poller" "$ICOUNT_ON" 60001
wait
# Without -icount the poller's hart is a host thread: a busy host may wake
# it from its pause tens of milliseconds late, and a ring scenario that
# gave up after a count of tries then hung (ktest poller_wakeup).
fuzz_run "poller smp2" 2 "hz=100 sqmode=poller" "" 70001
total=0
for seed in 1 10001 20001 30001 40001 50001 60001 70001 "40001 --only ring_teardown --calls 8000"; do
	f="$dir/$(echo "$seed" | tr ' ' _)"
	name="fuzz $(cat "$f.name")" rc=$(cat "$f.rc")
	line=$(grep '^@fuzz' "$f.out")
	calls=$(echo "$line" | sed -n 's/.* calls \([0-9]*\) .*/\1/p')
	if [ "$rc" -eq 0 ] && echo "$line" | grep -q ' findings 0$' && [ -n "$calls" ]; then
		total=$((total + calls))
		ok "$name: ${line#@fuzz }"
	else
		last=$(grep '^fuzz: seed [0-9]* [a-z_]*$' "$f.out" | tail -n 1)
		not_ok "$name (status $rc)" "${line:-no @fuzz line; last started: $last}" \
			"$(grep -E '^fuzz: FINDING|^@panic|^@timeout|^refos: [^k]' "$f.out" | head -n 20)" \
			"$(tail -n 4 "$f.out")"
	fi
done
if [ "$total" -ge 1000000 ]; then
	ok "fuzz: $total system calls in all"
else
	not_ok "fuzz: $total system calls in all, fewer than 1000000"
fi
finish
