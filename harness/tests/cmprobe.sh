#!/bin/bash
# The cache model against answers known from its parameters: for every core
# profile, the guest program cmprobe (os/user/progs/cmprobe) walks buffers
# whose misses follow from the profile's own L1 data cache and data TLB
# geometry, and the model must count exactly those (or, where a profile
# replaces at random, stay within the bounds that follow). Nothing expected
# is a constant here: each figure is derived from the profile file.
#
# - A walk at the line size over the cache's size misses nothing once warm;
#   one line more overflows one set, which then misses every way plus one
#   each pass (LRU). The knee is at the size, to the line.
# - Over twice the cache, the miss rate is stride/line up to the line size
#   and one beyond it: the knee in stride is at the line.
# - A walk over as many pages as the DTLB holds misses nothing; one more
#   page and every page misses.
# - With one null call (getpid) a pass, the kernel's path takes K pages of
#   the DTLB (its S-mode misses per call, the walk having evicted them):
#   the user then misses every page, K of them polluted per call, and the
#   knee moves to exactly E-K pages: E-K miss nothing, E-K+1 miss all.
#   The same for the L1 data cache where it is LRU: the kernel's lines per
#   call are the user's polluted misses per call.
# - The region holds exactly the system calls cmprobe made (no timer tick
#   disturbs a count), the model changes nothing cmprobe executes, and a
#   second run repeats every count bit for bit.
# The caches are indexed by virtual address here: cmprobe's buffer is
# contiguous in its address space, not necessarily in physical memory.
# usage: cmprobe.sh KERNEL PLUGIN
. "$(dirname "$0")/../../ci/tap.sh"
K="$1" P="$2"
. "$(dirname "$0")/plugin-env.sh"
cores=$(dirname "$0")/../cores

profiles=()
for f in "$cores"/*.core; do profiles+=("$(basename "$f" .core)"); done
names=()
for c in "${profiles[@]}"; do
	names+=("$c: a walk over the L1D's size at its line size misses nothing"
		"$c: one line more than the L1D's size overflows exactly one set"
		"$c: over twice the L1D, misses per access are stride/line up to the line, 1 beyond"
		"$c: a walk over the DTLB's entries in pages misses nothing, one page more misses every page"
		"$c: a null call per walk of the DTLB's pages: the kernel's pages are the user's polluted misses"
		"$c: the kernel's footprint moves the DTLB knee to exactly entries - footprint pages"
		"$c: a null call per walk of the L1D: the kernel's lines are the user's polluted misses")
done
names+=("the model changes nothing cmprobe executes" "the model's counts repeat bit for bit under -icount")
plugin_env_ready "${names[@]}"

# A profile's "key = value [source]" lines as the plugin's arguments.
prof_args() {
	sed -n 's/^\([a-z0-9_]*\) *= *\([^ []*\).*/\1=\2/p' "$cores/$1.core" | grep -v '^source=' | paste -sd,
}
prof_val() { prof_args "$1" | tr , '\n' | sed -n "s/^$2=//p"; }

n=0
# run PROFILE|none ARGS: the region's counts summed over harts, one JSON
# object (the cmprobe line's sum under "out"); the raw output in $tmp/$n.
run() {
	local model="" prof="$1"
	shift
	n=$((n + 1))
	[ "$prof" = none ] || model=",model=virt,$(prof_args "$prof")"
	timeout 120 "$QEMU" -machine virt -bios default -nographic -m 256M -smp 1 \
		-icount shift=0,sleep=off -kernel "$K" -plugin "$P,$pargs$model" \
		-append "hz=10 -- cmprobe $*" > "$tmp/$n" 2>&1
	local out
	out=$(grep -a '^cmprobe: ' "$tmp/$n" | tr -d '\r')
	grep -a '^@emu {"vcpus"' "$tmp/$n" | cut -c6- |
		jq -c --arg out "$out" '.region | map_values(add) | . + {out: $out}'
}
get() { jq -r ".$2 // empty" <<< "$1"; }
# expect NAME JSON PASSES CALLS WANT...: ok when the region made exactly
# CALLS system calls and took no other trap, cmprobe finished, and every
# "field op value" in WANT holds (op: == <= >=).
expect() {
	local name="$1" j="$2" calls="$4" bad="" w f op v got
	shift 4
	[ -n "$j" ] || { not_ok "$name" "no @emu region" "$(tail -3 "$tmp/$n")"; return; }
	[ "$(get "$j" trap_s)" = "$calls" ] && [ "$(get "$j" ecall_u)" = "$calls" ] ||
		bad="region took $(get "$j" trap_s) traps, $(get "$j" ecall_u) ecalls; want $calls each"
	[ -n "$(get "$j" out)" ] || bad="$bad; cmprobe printed no result"
	for w in "$@"; do
		read -r f op v <<< "$w"
		got=$(get "$j" "cm_$f")
		case $op in
		==) [ "$got" = "$v" ] ;;
		'<=') [ -n "$got" ] && [ "$got" -le "$v" ] ;;
		'>=') [ -n "$got" ] && [ "$got" -ge "$v" ] ;;
		esac || bad="$bad; cm_$f is ${got:-missing}, want $op $v"
	done
	if [ -z "$bad" ]; then ok "$name"; else not_ok "$name" "${bad#; }" "region: $j"; fi
}

passes=4
for c in "${profiles[@]}"; do
	C=$(prof_val "$c" l1d_size) W=$(prof_val "$c" l1d_ways) L=$(prof_val "$c" l1d_line)
	repl=$(prof_val "$c" l1d_repl) E=$(prof_val "$c" dtlb_entries) tw=$(prof_val "$c" dtlb_ways)
	[ "${W:-0}" -eq 0 ] && W=$((C / L))
	S=$((C / L / W))
	# A cache that replaces at random settles over more warm-up passes.
	warm=2
	[ "$repl" = random ] && warm=16
	# nm I [DETAIL]: the name of this profile's check I.
	nm() { echo "${names[$((pi * 7 + $1))]}${2:+ ($2)}"; }
	pi=0
	for p in "${profiles[@]}"; do [ "$p" = "$c" ] && break; pi=$((pi + 1)); done

	j=$(run "$c" $C $L $passes $warm)
	expect "$(nm 0 "$C bytes, $L-byte lines, $repl")" "$j" $passes 0 "l1d_miss_u == 0"

	j=$(run "$c" $((C + L)) $L $passes $warm)
	if [ "$repl" = lru ]; then
		expect "$(nm 1 "$W ways: $((W + 1)) misses a pass")" "$j" $passes 0 \
			"l1d_miss_u == $((passes * (W + 1)))"
	else
		expect "$(nm 1 "$repl replacement: 1 to $((W + 1)) misses a pass")" "$j" $passes 0 \
			"l1d_miss_u >= $passes" "l1d_miss_u <= $((passes * (W + 1)))"
	fi

	# Strides from a quarter line to two lines over 2C: LRU misses every
	# line each pass; random at least half of each set's lines, at most
	# every line, and never a second access within a line.
	bad="" seen=""
	for s in $((L / 4)) $((L / 2)) $L $((2 * L)); do
		j=$(run "$c" $((2 * C)) $s $passes $warm)
		acc=$((passes * 2 * C / s)) lines=$((passes * 2 * C / (s > L ? s : L)))
		got=$(get "$j" cm_l1d_miss_u)
		seen="$seen $s:${got:-?}/$acc"
		[ "$(get "$j" trap_s)" = 0 ] || bad="$bad; stride $s: region took a trap"
		if [ "$repl" = lru ]; then
			[ "$got" = "$lines" ] || bad="$bad; stride $s: $got misses, want $lines"
		elif [ "$s" -le "$L" ]; then
			[ -n "$got" ] && [ "$got" -le "$lines" ] && [ "$got" -ge $((lines / 2)) ] ||
				bad="$bad; stride $s: $got misses, want $((lines / 2))..$lines"
		else
			[ -n "$got" ] && [ "$got" -gt 0 ] && [ "$got" -le "$acc" ] ||
				bad="$bad; stride $s: $got misses of $acc accesses"
		fi
	done
	if [ -z "$bad" ]; then ok "$(nm 2 "misses/accesses:$seen")"; else not_ok "$(nm 2 "$L-byte lines")" "${bad#; }"; fi

	if [ "${tw:-0}" -ne 0 ] || [ "$(prof_val "$c" dtlb_repl)" != lru ]; then
		for t in 3 4 5; do skip "$(nm $t)" "the DTLB is not fully associative LRU: no exact count follows"; done
	else
		j=$(run "$c" $((E * 4096)) 4096 $passes 2)
		j1=$(run "$c" $(((E + 1) * 4096)) 4096 $passes 2)
		bad=$( { expect x "$j" $passes 0 "dtlb_miss_u == 0"
			expect x "$j1" $passes 0 "dtlb_miss_u == $((passes * (E + 1)))"; } | grep -v '^ok')
		if [ -z "$bad" ]; then ok "$(nm 3 "$E entries")"; else not_ok "$(nm 3 "$E entries")" "$bad"; fi

		j=$(run "$c" $((E * 4096)) 4096 $passes 2 ecall)
		ms=$(get "$j" cm_dtlb_miss_s)
		fp=$((${ms:-0} / passes))
		expect "$(nm 4 "footprint $fp pages a call")" "$j" $passes $passes \
			"dtlb_miss_s == $((fp * passes))" "dtlb_miss_s >= $passes" \
			"dtlb_miss_u == $((passes * E))" "dtlb_poll == $((passes * fp))"

		j=$(run "$c" $(((E - fp) * 4096)) 4096 $passes 2 ecall)
		j1=$(run "$c" $(((E - fp + 1) * 4096)) 4096 $passes 2 ecall)
		bad=$( { expect x "$j" $passes $passes "dtlb_miss_u == 0" "dtlb_miss_s == 0"
			expect x "$j1" $passes $passes "dtlb_miss_u == $((passes * (E - fp + 1)))" \
				"dtlb_poll >= $passes" "dtlb_miss_s >= $passes"; } | grep -v '^ok')
		if [ -z "$bad" ]; then ok "$(nm 5 "$((E - fp)) pages: none, $((E - fp + 1)): all")"; else not_ok "$(nm 5)" "$bad"; fi
	fi

	if [ "$repl" != lru ]; then
		skip "$(nm 6)" "its L1D replaces at $repl: which user line the kernel's line evicts is not fixed"
	else
		j=$(run "$c" $C $L $passes $warm ecall)
		ms=$(get "$j" cm_l1d_miss_s) um=$(get "$j" cm_l1d_miss_u)
		fl=$((${ms:-0} / passes))
		# Each set the kernel touches loses all W user lines a pass (LRU).
		if [ $((${um:-1} % (passes * W))) -ne 0 ]; then
			not_ok "$(nm 6)" "user misses ${um:-missing}: not whole sets of $W ways a pass" "region: $j"
		else
			expect "$(nm 6 "$fl lines a call; the user misses $((um / passes)) a pass, $((um / passes / W)) sets")" \
				"$j" $passes $passes "l1d_miss_s == $((fl * passes))" "l1d_miss_s >= $passes" \
				"l1d_poll == $((fl * passes))" "l1d_miss_u >= $((passes * W))" "l1d_miss_u <= $((passes * W * fl))"
		fi
	fi
done

# The footprint point, without the model and twice with it.
c=${profiles[-1]} E=$(prof_val "$c" dtlb_entries)
a=$(run none $((E * 4096)) 4096 $passes 2 ecall)
b=$(run "$c" $((E * 4096)) 4096 $passes 2 ecall)
b2=$(run "$c" $((E * 4096)) 4096 $passes 2 ecall)
plain=$(jq -c 'with_entries(select(.key | startswith("cm_") | not))' <<< "$b")
if [ -n "$a" ] && [ "$a" = "$plain" ] && [ -n "$(get "$a" out)" ]; then
	ok "${names[-2]} ($(get "$a" instr_u) U and $(get "$a" instr_s) S instructions, $(get "$a" trap_s) traps)"
else
	not_ok "${names[-2]}" "without: ${a:-no region}" "with:    ${plain:-no region}"
fi
if [ -n "$b" ] && [ "$b" = "$b2" ]; then
	ok "${names[-1]}"
else
	not_ok "${names[-1]}" "first:  $b" "second: $b2"
fi
finish
