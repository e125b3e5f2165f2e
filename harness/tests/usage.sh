#!/bin/bash
# Every bad value is refused before anything boots: exit 2, a message
# naming the argument, and neither QEMU nor wl-host started (the fakes
# record each start in $FAKE_STARTED). Settings that no planned point takes
# are bad values too: they would be silently ignored.
# usage: usage.sh SCBENCH
. "$(dirname "$0")/fake-env.sh"
HOST="$(dirname "$FAKE")/fake-wl-host"
export FAKE_STARTED="$tmp/started"
T=(--qemu "$FAKE" --kernel "$tmp/kernel" --host-bin "$HOST" --ops 10)

# refused CMD NEEDLE ARGS...: exit 2, NEEDLE on stderr, nothing started.
refused() {
	local cmd="$1" needle="$2" err rc
	shift 2
	rm -f "$FAKE_STARTED" "$tmp/out"
	err=$("$S" "$cmd" "${T[@]}" "$@" -o "$tmp/out" 2>&1 >/dev/null)
	rc=$?
	if [ $rc -eq 2 ] && grep -qF -- "$needle" <<<"$err" && [ ! -e "$FAKE_STARTED" ] &&
		[ ! -e "$tmp/out/runs.csv" ]; then
		ok "$cmd refuses before boot: $*"
	else
		not_ok "$cmd refuses before boot: $*" "status $rc (want 2), started: $(cat "$FAKE_STARTED" 2>/dev/null)" \
			"stderr: $err" "wanted: $needle"
	fi
}

# The fakes do record a start: the refusals above mean something.
rm -f "$FAKE_STARTED"
"$S" run "${T[@]}" --target refos,host --backend sync --trace >/dev/null 2>&1
check "a good mixed run starts QEMU and wl-host (recorded)" \
	test "$(grep -c '^qemu -machine' "$FAKE_STARTED")" = 1 -a "$(grep -c '^wl-host .*--trace' "$FAKE_STARTED")" = 1

# Values the workload refuses.
refused run "--size: 0 is out of range" --size 0
refused sweep "--size: 0 is out of range" --target host --size 0,64
refused run "--workload: 'foo' is not one of" --workload foo
refused sweep "--workload: 'foo' is not one of" --target host --workload echo,foo
refused run "--backend: 'uring' is not a backend of refos" --backend uring
refused run "--backend: 'async' is not a backend of host" --target host --backend async

# What the target cannot run.
refused run "--sqmode: poller needs --harts 2" --backend async --sqmode poller
refused sweep "--sqmode: poller needs --harts 2" --backend async --sqmode enter,poller --harts 1,2
refused sweep "--backend: 'async' is not a backend of host" --target refos,host --backend sync,async
refused sweep "--notify: uring takes one of" --target refos,host --notify uintr

# Flags that do not apply to the target.
refused run "--trace: only host points take it" --trace
refused run "--hyperfine: only host points take it" --hyperfine
refused run "--hf-runs: it sets up --hyperfine" --target host --hf-runs 3
for flag in "--harts 2" "--hz 1000" "--knob crash=panic" "--sqmode worker" "--no-icount" \
	"--instrument plugin"; do
	refused run "${flag%% *}: only" --target host $flag
done
refused run "--warmup: only host points take it" --warmup 2
refused sweep "--warmup: only host points take it" --target refos,linux --warmup 1
refused run "--cpus: only host points take it" --cpus 0
refused run "--warmup: 'x' is not a count" --target host --warmup x
refused run "--warmup: '-1' is not a count" --target host --warmup -1
refused run "--cpus: 'x' is not a CPU list" --target host --cpus x
refused run "--cpus: '0,' is not a CPU list" --target host --cpus 0,
refused sweep "--cpus: '2-1' is not a CPU list" --target host --cpus 2-1
refused sweep "--cpus: CPU 1000 is not online" --target host --cpus 0,1000
refused run "--sqmode: only refos points of an async backend" --backend sync --sqmode worker
refused run "--notify: only points of a backend with completion modes" --backend sync --notify wait

# In a sweep file, the file and block are named.
printf 'name t\n[a]\nbackend async\nsqmode worker\n[b]\ntarget host\nharts 2\n' > "$tmp/h.sweep"
refused sweep "h.sweep [b]: --harts: only" --config "$tmp/h.sweep"
printf 'name t\ntrace\n[a]\nbackend sync\n' > "$tmp/g.sweep"
refused sweep "g.sweep: --trace: only host points" --config "$tmp/g.sweep"
printf 'name t\n[a]\nbackend async\nsqmode poller\n' > "$tmp/p.sweep"
refused sweep "--sqmode: poller needs --harts 2" --config "$tmp/p.sweep"

# A flag taken by some of the points is fine: mixed targets split it.
for flags in "--target refos,host --trace" "--target refos,host --harts 2" \
	"--backend sync,async --sqmode worker --notify wait" "--target refos,host --hyperfine"; do
	"$S" sweep --dry-run --kernel k $flags >/dev/null 2>"$tmp/err"
	check "taken by some points: $flags" test $? -eq 0
done
finish
