#!/bin/bash
# The emulator plugin against refos's own counters: two instruments that
# share nothing but the guest must agree, exactly, under -icount. Also: the
# plugin changes no refos counter, repeats bit for bit, and refuses a bad
# argument with a reason. usage: plugin.sh KERNEL PLUGIN
. "$(dirname "$0")/../../ci/tap.sh"
K="$1" P="$2"
. "$(dirname "$0")/plugin-env.sh"

# name | harts | -append line. Sync, the three ring modes, and the poller on
# its own hart while the user polls (the user hart never idles, see below).
points=(
	"sync, one hart|1|hz=1000 -- echo --backend sync --conc 4 --ops 4000 --size 64"
	"async enter, one hart|1|hz=1000 sqmode=enter -- echo --backend async --notify poll --conc 16 --ops 4000 --size 64"
	"async worker uintr, one hart|1|hz=1000 sqmode=worker -- pingpong --backend async --notify uintr --conc 8 --ops 4000 --size 64"
	"sync, fast path (its own trap vector), one hart|1|hz=1000 fastpath=1 -- echo --backend sync --conc 4 --ops 4000 --size 64"
	"async poller, two harts|2|hz=10000 sqmode=poller -- echo --backend async --notify poll --conc 16 --ops 1000 --size 64"
)
names=()
for p in "${points[@]}"; do names+=("counts agree: ${p%%|*}"); done
names+=("the plugin changes no refos counter" "two runs with the plugin repeat bit for bit"
	"a bad plugin argument stops QEMU with a reason"
	"counting per block equals counting each instruction, two harts"
	"inline counting (one hart's default) equals counting per block: every counter"
	"inline counting of firmware, boot and its device accesses included, equals counting each instruction"
	"count=inline on two harts is refused with a reason"
	"one hart, no tick: the same counts with and without -icount")

plugin_env_ready "${names[@]}"

# run OUT HARTS APPEND [PLUGIN_ARGS]: the machine lines of one boot.
run() {
	local plug=()
	[ $# -ge 4 ] && plug=(-plugin "$P,$4")
	timeout 120 "$QEMU" -machine virt -bios default -nographic -m 256M -smp "$2" \
		${ACCEL:--icount shift=0,sleep=off} -kernel "$K" "${plug[@]}" -append "$3" 2>&1 |
		grep -a '^@' > "$1"
}

# Every pair of the two instruments, as "name refos emu" lines, for one run.
# The window is the plugin's count between the kernel's two reads of
# instret, the interval refos's counters cover. The S-mode ecalls are SBI
# calls, each an M-mode trap entry and an mret: only with no M-mode
# interrupt in the window, which holds when no IPI crosses harts. A pair
# may carry a tolerance (fourth field): the window's edges are two moments
# on the hart that reads instret, and another hart can be inside the
# firmware at either of them, its trap entry on one side of the edge and
# its mret on the other; so mrets may differ from the entries by one per
# edge on each other hart, and on the reading hart not at all.
pairs() {
	local run emu
	run=$(grep '^@run ' "$1" | cut -c6-) emu=$(grep '^@emu ' "$1" | cut -c6-)
	[ -n "$run" ] && [ -n "$emu" ] || { echo "missing @run or @emu line"; return; }
	jq -n -r --argjson r "$run" --argjson e "$emu" '
		($e.window | map_values(add)) as $w |
		[["instret = instructions U+S+M + those after a wfi", $r.instret,
		  $w.instr_u + $w.instr_s + $w.instr_m + $w.wfi_skipped],
		 ["ecalls = U-mode ecalls", $r.ecalls, $w.ecall_u],
		 ["u_traps+s_traps = S trap vector entries", $r.u_traps + $r.s_traps, $w.trap_s],
		 ["u_traps+s_traps = srets", $r.u_traps + $r.s_traps, $w.sret],
		 ["sbi_calls = S-mode ecalls", $r.sbi_calls, $w.ecall_s],
		 ["sbi_calls = M trap vector entries", $r.sbi_calls, $w.trap_m],
		 ["sbi_calls = mrets, but for a trap across an edge on another hart",
		  $r.sbi_calls, $w.mret, 2 * ($e.vcpus - 1)],
		 ["mrets = M trap vector entries on the hart reading instret",
		  $e.window.trap_m[$e.begin_vcpu], $e.window.mret[$e.begin_vcpu]]][] |
		"\(.[0])|\(.[1])|\(.[2])|\(.[3] // 0)"'
}

i=0
for p in "${points[@]}"; do
	rest=${p#*|} harts=${rest%%|*} append=${rest#*|}
	run "$tmp/p$i" "$harts" "$append" "$pargs"
	bad="" n=0
	while IFS='|' read -r what a b tol; do
		[ -z "$b" ] && { bad="$what"; break; }
		n=$((n + 1))
		d=$((a > b ? a - b : b - a))
		[ "$d" -le "${tol:-0}" ] || bad="$bad; $what: $a vs $b"
	done < <(pairs "$tmp/p$i")
	if [ -z "$bad" ] && [ "$n" -eq 8 ]; then
		ok "${names[$i]} ($n pairs, $(jq -r .instret < <(grep '^@run ' "$tmp/p$i" | cut -c6-)) instructions)"
	else
		not_ok "${names[$i]}" "${bad#; }" "$(tail -3 "$tmp/p$i")"
	fi
	i=$((i + 1))
done

# Same point without the plugin: the @run line, every counter in it, must
# not move (the markers sit outside the kernel's snapshots).
last=$((${#points[@]} - 1))
rest=${points[$last]#*|} harts=${rest%%|*} append=${rest#*|}
run "$tmp/bare" "$harts" "$append"
a=$(grep '^@run ' "$tmp/bare") b=$(grep '^@run ' "$tmp/p$last")
if [ -n "$a" ] && [ "$a" = "$b" ]; then
	ok "${names[$i]}"
else
	not_ok "${names[$i]}" "without: ${a:-no @run}" "with:    ${b:-no @run}"
fi
i=$((i + 1))

run "$tmp/again" "$harts" "$append" "$pargs"
if grep -q '^@emu {"vcpus"' "$tmp/again" && cmp -s "$tmp/again" "$tmp/p$last"; then
	ok "${names[$i]}"
else
	not_ok "${names[$i]}" "$(diff "$tmp/p$last" "$tmp/again" | head -4)"
fi
i=$((i + 1))

# refused HARTS EXTRA_ARGS: the plugin given EXTRA_ARGS stops QEMU before
# the guest runs, with its reason on an @emu error line
refused() {
	timeout 30 "$QEMU" -machine virt -bios default -nographic -m 256M -smp "$1" -icount shift=0,sleep=off \
		-kernel "$K" -plugin "$P,$pargs,$2" -append "hz=100 -- null --backend sync" \
		> "$tmp/bad" 2>&1
	rc=$?
	why=$(grep -a '^@emu {"error"' "$tmp/bad")
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && [ -n "$why" ] && ! grep -q '^@run' "$tmp/bad"; then
		ok "${names[$i]} (${why#@emu })"
	else
		not_ok "${names[$i]}" "exit $rc" "$(head -3 "$tmp/bad")"
	fi
	i=$((i + 1))
}
refused 1 stvec=nothex

# Counting per block is checked against counting each instruction as it
# runs, on two-hart points with IPIs between the harts and harts that sleep
# in wfi: the two places where QEMU leaves a block in the middle.
bad=""
for ap in "hz=1000 -- echo --backend sync --conc 16 --ops 2000 --size 64" \
	  "hz=10000 sqmode=poller -- echo --backend async --notify wait --conc 16 --ops 1000 --size 64"; do
	run "$tmp/blk" 2 "$ap" "$pargs"
	run "$tmp/ins" 2 "$ap" "$pargs,count=insn"
	instr() { grep -a '^@emu {"vcpus"' "$1" | cut -c6- | jq -c '.window | [.instr_u, .instr_s, .instr_m]'; }
	a=$(instr "$tmp/blk") b=$(instr "$tmp/ins")
	[ -n "$a" ] && [ "$a" = "$b" ] || bad="$bad; ${ap#* -- }: per block ${a:-none}, per instruction ${b:-none}"
done
if [ -z "$bad" ]; then
	ok "${names[$i]}"
else
	not_ok "${names[$i]}" "${bad#; }"
fi
i=$((i + 1))

# One hart counts inline by default; each one-hart point of the cross-check
# is run again with a callback per block, the way two harts are counted:
# the whole @emu line, privilege switches included, must be the same.
bad="" n=0 j=0
for p in "${points[@]}"; do
	rest=${p#*|} harts=${rest%%|*} append=${rest#*|}
	if [ "$harts" = 1 ]; then
		run "$tmp/cb$j" 1 "$append" "$pargs,count=block"
		a=$(grep -a '^@emu ' "$tmp/p$j") b=$(grep -a '^@emu ' "$tmp/cb$j")
		n=$((n + 1))
		[ -n "$a" ] && [ "$a" = "$b" ] || bad="$bad; ${p%%|*}: $(diff <(echo "$a" | tr , '\n') <(echo "$b" | tr , '\n') | head -4 | tr '\n' ' ')"
	fi
	j=$((j + 1))
done
if [ -z "$bad" ] && [ "$n" -gt 0 ]; then
	ok "${names[$i]} ($n points)"
else
	not_ok "${names[$i]}" "${bad#; }"
fi
i=$((i + 1))

# On one hart the firmware touches devices only outside the region (the
# console while booting, the test device at power-off), so the whole run
# (totals=1) is what checks its counting in runs that end at each possible
# device access. refos's own console writes over-count S-mode under
# count=inline (methodology.md), so instr_s is left out.
wr="hz=1000 -- echo --backend sync --conc 4 --ops 1000 --size 64"
run "$tmp/tot-inline" 1 "$wr" "$pargs,totals=1"
run "$tmp/tot-insn" 1 "$wr" "$pargs,totals=1,count=insn"
totals() { grep -a '^@emu {"vcpus":1,"totals"' "$1" | cut -c6- | jq -c '.totals | del(.instr_s)'; }
a=$(totals "$tmp/tot-inline") b=$(totals "$tmp/tot-insn")
if [ -n "$a" ] && [ "$a" = "$b" ]; then
	ok "${names[$i]} ($(echo "$a" | jq .instr_m[0]) M-mode instructions)"
else
	not_ok "${names[$i]}" "inline: ${a:-none}" "insn:   ${b:-none}"
fi
i=$((i + 1))

refused 2 count=inline

# Without -icount the vCPU runs on its own thread and nothing is
# deterministic but the code path; with no timer tick on one hart that path
# is fixed, so per-vCPU counting must lose nothing: the region's counts are
# those of the icount run.
nt="hz=0 -- echo --backend sync --conc 4 --ops 2000 --size 64"
region() { grep -a '^@emu {"vcpus"' "$1" | cut -c6- | jq -c .region; }
run "$tmp/nt-icount" 1 "$nt" "$pargs"
ACCEL="-accel tcg,thread=multi" run "$tmp/nt-mttcg" 1 "$nt" "$pargs"
a=$(region "$tmp/nt-icount") b=$(region "$tmp/nt-mttcg")
if [ -n "$a" ] && [ "$a" = "$b" ]; then
	ok "${names[$i]} ($(echo "$a" | jq '.instr_u[0] + .instr_s[0] + .instr_m[0]') instructions)"
else
	not_ok "${names[$i]}" "icount: ${a:-no @emu}" "mttcg:  ${b:-no @emu}"
fi
finish
