#!/bin/bash
# The BPF tracer counts what perf and the kernel's own accounting count.
#
# Syscalls: the run is made under `perf stat -e raw_syscalls:sys_enter
# --control fifo:... -D -1`, and wl-host enables perf right before it opens
# the region and disables it right after (--perf-ctl), so both count the
# same region. perf sees what the handshake itself costs at the end: the
# write of "disable" and, unless perf disables first, the read of its ack,
# so perf = bpf + 1 or 2. Thread backends can add one more: the last task's
# blocking read on the exit gate races with the end of the region (with
# --procs every process reports on its own, so each one's read can race).
# usage: tracer.sh WL_HOST
set -u
. "$(dirname "$0")/lib.sh"
BIN=${1:?usage: tracer.sh WL_HOST}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Without privilege nothing loads, and the run still verifies: BPF keys are
# absent (not 0) and tracer_note says why.
name="unprivileged --trace degrades to getrusage and says why"
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	skip "$name" "needs root and setpriv to drop privilege"
elif ! setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$BIN"; then
	skip "$name" "$BIN is not reachable by an unprivileged user"
else
	run_wl setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$BIN" echo --backend sync --conc 2 --ops 1000 --trace
	note=$(json_str tracer_note "$RUN")
	if ! check_run "$name" 1000 64000; then
		:	# reported
	elif [ "$(json_str tracer "$RUN")" != bpf ] &&
	     [ -z "$(json_num syscalls "$RUN")" ] && [ -z "$(json_num irqs "$RUN")" ] &&
	     grep -q "failed to " <<<"$note" && [ -n "$(json_num ctx_vol "$RUN")" ]; then
		ok "$name ($note)"
	else
		not_ok "$name" "$RUN" "$ERR"
	fi
fi

run_wl "$BIN" null --backend null --ops 1 --trace
if [ "$(json_str tracer "$RUN")" != bpf ]; then
	skip "BPF tracer loads" "$(json_str tracer_note "$RUN") ${ERR}"
	exit 0
fi
ok "BPF tracer loads"

# traced_under_perf NAME SLACK ARGS...: sets RUN and PERF_COUNT.
traced_under_perf() {
	local name=$1 slack=$2
	shift 2
	rm -f "$TMP/ctl" "$TMP/ack"
	mkfifo "$TMP/ctl" "$TMP/ack"
	run_wl perf stat -x, -e raw_syscalls:sys_enter --control \
		"fifo:$TMP/ctl,$TMP/ack" -D -1 -o "$TMP/perf.csv" -- \
		"$BIN" "$@" --trace --perf-ctl "$TMP/ctl,$TMP/ack"
	PERF_COUNT=$(awk -F, '/raw_syscalls:sys_enter/ { print $1 }' "$TMP/perf.csv")
	local bpf diff
	bpf=$(json_num syscalls "$RUN")
	if [ "$RC" -ne 0 ] || [ -z "$bpf" ] || [ -z "$PERF_COUNT" ]; then
		not_ok "$name" "exit $RC, bpf='$bpf' perf='$PERF_COUNT'" "$RUN" "$ERR"
		return 1
	fi
	diff=$((PERF_COUNT - bpf))
	if [ "$bpf" -gt 0 ] && [ "$diff" -ge 1 ] && [ "$diff" -le "$slack" ]; then
		ok "$name (bpf $bpf, perf $PERF_COUNT)"
	else
		not_ok "$name" "bpf $bpf, perf $PERF_COUNT: want perf - bpf in 1..$slack" "$RUN"
	fi
}

if ! perf stat -x, -e raw_syscalls:sys_enter -o /dev/null true 2>/dev/null; then
	skip "syscall count equals perf stat" "perf cannot count raw_syscalls:sys_enter here"
else
	traced_under_perf "sync echo: syscalls equal perf stat" 3 \
		echo --backend sync --conc 2 --ops 3000
	traced_under_perf "sync pingpong: syscalls equal perf stat" 3 \
		pingpong --backend sync --conc 1 --ops 3000
	traced_under_perf "sync processes: syscalls equal perf stat" 5 \
		echo --backend sync --conc 3 --ops 3000 --procs
	traced_under_perf "epoll pingpong: syscalls equal perf stat" 2 \
		pingpong --backend epoll --conc 4 --ops 3000
	traced_under_perf "uring echo: syscalls equal perf stat" 2 \
		echo --backend uring --conc 16 --ops 3000
fi

# The region is tight: sync echo makes one read and one write per op of
# the region (each task's first op is before it: R = region_ops = N - conc),
# plus the gates' fixed few (sched.c): writes R+2 exactly; reads R+1 (main's
# done pipe) plus, per task, its start-gate read and its exit-gate read when
# the scheduler lets them land inside the region: R+2 .. R+1+2*conc (conc 2).
# Numbers are x86-64's read=0, write=1.
run_wl "$BIN" echo --backend sync --conc 2 --ops 5000 --trace
N=$(json_num region_ops "$RUN")
by_nr=$(json_str syscalls_by_nr "$RUN")
reads=$(sed -n 's/.*\(^\|,\)0:\([0-9]*\).*/\2/p' <<<"$by_nr")
writes=$(sed -n 's/.*\(^\|,\)1:\([0-9]*\).*/\2/p' <<<"$by_nr")
if [ "$(uname -m)" != x86_64 ]; then
	skip "sync echo region holds only the workload's calls" "syscall numbers are x86-64's"
elif [ "${N:-0}" -eq 4998 ] && [ "${writes:-0}" -eq $((N + 2)) ] && [ "${reads:-0}" -ge $((N + 2)) ] &&
     [ "${reads:-0}" -le $((N + 5)) ] && [ "$(json_num syscalls "$RUN")" -eq $((reads + writes)) ]; then
	ok "sync echo region holds only the workload's calls"
else
	not_ok "sync echo region holds only the workload's calls" \
		"want region_ops=4998 write=$((N + 2)) read=$((N + 2))..$((N + 5)), got $N, $by_nr"
fi

# io_uring: every request of the region's 20000 - 64 ops is one SQE and one
# CQE; batching keeps enters rare.
run_wl "$BIN" echo --backend uring --conc 64 --ops 20000 --trace
sq=$(json_num uring_sqes "$RUN"); cq=$(json_num uring_cqes "$RUN")
sc=$(json_num syscalls "$RUN")
if [ "$sq" = 39872 ] && [ "$cq" = 39872 ] && [ "$sc" -le 1000 ]; then
	ok "uring conc 64: one SQE and CQE per request, <= 0.05 syscalls per op ($sc)"
else
	not_ok "uring conc 64: SQEs, CQEs and syscalls" "sqes=$sq cqes=$cq syscalls=$sc" "$RUN"
fi
if [ "$(nproc)" -lt 2 ]; then
	skip "uring-sqpoll steady state makes no syscalls" "needs two CPUs"
else
	run_wl "$BIN" echo --backend uring-sqpoll --conc 64 --ops 50000 --pin 0,1 --trace
	sq=$(json_num uring_sqes "$RUN"); sc=$(json_num syscalls "$RUN")
	vol=$(json_num ctx_vol "$RUN")
	# Nothing is submitted by a system call: at most one wake-up of the SQ
	# thread if it dozed off during setup, and a few stray calls (1 in 1000
	# ops). Entering the kernel per batch would be ~1500 calls here, none of
	# them a sleep. When other work holds the SQ thread's CPU, completions
	# come late and the task sleeps in io_uring_enter for them: such calls
	# are each a voluntary switch, and they say the machine is busy, not
	# that submission took a system call, so they are not counted.
	if [ "$sq" = 99872 ] && [ -n "$vol" ] && [ $((sc - vol)) -le 50 ] &&
	   [ -n "$(json_num sqpoll_cpu_ns "$RUN")" ]; then
		ok "uring-sqpoll steady state makes no syscalls ($sc in 50000 ops, $vol of them sleeps)"
	else
		not_ok "uring-sqpoll steady state makes no syscalls" \
			"sqes=$sq syscalls=$sc voluntary switches=$vol" "$RUN"
	fi
fi

# Context switches and page faults: BPF against getrusage and perf in the
# same run (their windows differ by a few non-blocking calls).
close_enough() { [ "$1" -le $(($2 + 2)) ] && [ "$2" -le $(($1 + 2)) ]; }
run_wl "$BIN" pingpong --backend sync --conc 2 --ops 5000 --trace
v=$(json_num ctx_vol "$RUN"); rv=$(json_num ru_ctx_vol "$RUN")
iv=$(json_num ctx_invol "$RUN"); riv=$(json_num ru_ctx_invol "$RUN")
pc=$(json_num perf_ctx_switches "$RUN")
if [ "$v" -gt 1000 ] && close_enough "$v" "$rv" && close_enough "$iv" "$riv" &&
   close_enough $((v + iv)) "$pc"; then
	ok "context switches agree with getrusage and perf ($v vol, $iv invol)"
else
	not_ok "context switches agree" "bpf $v/$iv, rusage $rv/$riv, perf $pc" "$RUN"
fi
run_wl "$BIN" echo --backend null --conc 256 --ops 5000 --size 4096 --trace
pf=$(json_num page_faults "$RUN"); ppf=$(json_num perf_page_faults "$RUN")
if [ "${pf:-0}" -gt 100 ] && close_enough "$pf" "$ppf"; then
	ok "page faults agree with perf ($pf)"
else
	not_ok "page faults agree with perf" "bpf $pf, perf $ppf" "$RUN"
fi

# Untraced and traced runs of a deterministic point agree on what both see.
run_wl "$BIN" echo --backend uring --conc 16 --ops 4000
plain=$RUN
run_wl "$BIN" echo --backend uring --conc 16 --ops 4000 --trace
same=ok
for k in ops bytes io_reads io_writes io_queued io_busy io_retries; do
	[ "$(json_num $k "$plain")" = "$(json_num $k "$RUN")" ] || same="$k differs"
done
if [ "$same" = ok ] && [ "$(json_str tracer "$plain")" != bpf ] &&
   [ -z "$(json_num syscalls "$plain")" ]; then
	ok "untraced run agrees with traced run and has no BPF keys"
else
	not_ok "untraced run agrees with traced run" "$same" "$plain" "$RUN"
fi
finish
