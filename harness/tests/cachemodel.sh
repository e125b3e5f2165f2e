#!/bin/bash
# The emulator plugin's cache, TLB and trap-cost model on refos: it changes
# nothing the guest executes, repeats bit for bit under -icount, and its
# counts add up: every L1 miss is one L2 lookup, pollution is a share of
# the U-mode misses, and the charged cycles are exactly the misses and
# traps times the costs it was given. usage: cachemodel.sh KERNEL PLUGIN
. "$(dirname "$0")/../../ci/tap.sh"
K="$1" P="$2"
. "$(dirname "$0")/plugin-env.sh"

# A small hierarchy, so that misses happen, and costs that are all
# different, so that a count charged at the wrong price shows.
costs="l2_hit=7,mem=41,walk=13,trap=5,xret=3"
geom="l1i_size=4096,l1i_ways=2,l1i_line=64,l1d_size=4096,l1d_ways=4,l1d_line=64,l1d_repl=fifo"
geom="$geom,itlb_entries=8,dtlb_entries=8,l2_size=65536,l2_ways=8,l2_line=64,l2_repl=random"
points=(
	"sync, one hart|1|hz=1000 -- echo --backend sync --conc 4 --ops 1000 --size 64"
	"async worker, one hart|1|hz=1000 sqmode=worker -- pingpong --backend async --notify poll --conc 8 --ops 1000 --size 64"
	"async poller, two harts|2|hz=1000 sqmode=poller -- echo --backend async --notify poll --conc 16 --ops 500 --size 64"
)
names=()
for p in "${points[@]}"; do
	names+=("${p%%|*}: the model changes no count" "${p%%|*}: the model's counts add up")
done
names+=("virtual and physical indexing both count, and repeat bit for bit"
	"a bad model argument stops QEMU with a reason")

plugin_env_ready "${names[@]}"

run() { # OUT HARTS APPEND PLUGIN_ARGS
	timeout 300 "$QEMU" -machine virt -bios default -nographic -m 256M -smp "$2" \
		-icount shift=0,sleep=off -kernel "$K" -plugin "$P,$4" -append "$3" 2>&1 |
		grep -a '^@' > "$1"
}
emu() { grep -a '^@emu {"vcpus"' "$1" | cut -c6-; }

# What must hold of one @emu line's region, summed over harts, as a list
# of failures (empty when everything adds up).
sums() {
	jq -r '.region | map_values(add) as $r |
		[ (["l1i","l1d","itlb","dtlb","l2"][] as $l |
		   ($r["cm_\($l)_miss_u"] + $r["cm_\($l)_miss_s"] + $r["cm_\($l)_miss_m"]) as $m |
		   (if $m > $r["cm_\($l)_acc"] then "\($l): \($m) misses > \($r["cm_\($l)_acc"]) lookups" else empty end),
		   (if $r["cm_\($l)_poll"] > $r["cm_\($l)_miss_u"] then "\($l): pollution above U misses" else empty end),
		   (if $r["cm_\($l)_coh"] > $m then "\($l): coherence misses above all misses" else empty end)),
		  ([["l1i","l1d"][] as $l | $r["cm_\($l)_miss_u"] + $r["cm_\($l)_miss_s"] + $r["cm_\($l)_miss_m"]] | add) as $l1 |
		  (if $l1 != $r.cm_l2_acc then "L1 misses \($l1) != L2 lookups \($r.cm_l2_acc)" else empty end),
		  ($r.cm_l2_miss_u + $r.cm_l2_miss_s + $r.cm_l2_miss_m) as $l2 |
		  ([["itlb","dtlb"][] as $l | $r["cm_\($l)_miss_u"] + $r["cm_\($l)_miss_s"] + $r["cm_\($l)_miss_m"]] | add) as $tlb |
		  (7 * $l1 + 41 * $l2 + 13 * $tlb) as $want |
		  (if $r.cm_cyc_miss != $want then "cyc_miss \($r.cm_cyc_miss) != 7*\($l1) + 41*\($l2) + 13*\($tlb)" else empty end),
		  (5 * ($r.trap_s + $r.trap_m) + 3 * ($r.sret + $r.mret)) as $t |
		  (if $r.cm_cyc_trap != $t then "cyc_trap \($r.cm_cyc_trap) != \($t)" else empty end),
		  (if $l1 == 0 or $tlb == 0 then "no miss at all: the model saw nothing" else empty end)
		] | .[]'
}

i=0
for p in "${points[@]}"; do
	rest=${p#*|} harts=${rest%%|*} append=${rest#*|}
	run "$tmp/off$i" "$harts" "$append" "$pargs"
	run "$tmp/on$i" "$harts" "$append" "$pargs,model=phys,$geom,$costs"
	a=$(emu "$tmp/off$i" | jq -c .region) b=$(emu "$tmp/on$i" | jq -c '.region | with_entries(select(.key | startswith("cm_") | not))')
	ra=$(grep -a '^@run ' "$tmp/off$i") rb=$(grep -a '^@run ' "$tmp/on$i")
	if [ -n "$a" ] && [ "$a" = "$b" ] && [ -n "$ra" ] && [ "$ra" = "$rb" ]; then
		ok "${names[$((2 * i))]}"
	else
		not_ok "${names[$((2 * i))]}" "without: ${a:-no @emu}" "with:    ${b:-no @emu}"
	fi
	bad=$(emu "$tmp/on$i" | sums 2>&1)
	if [ -n "$(emu "$tmp/on$i")" ] && [ -z "$bad" ]; then
		ok "${names[$((2 * i + 1))]} ($(emu "$tmp/on$i" | jq -r '.region | map_values(add) | "L1D misses U/S/M \(.cm_l1d_miss_u)/\(.cm_l1d_miss_s)/\(.cm_l1d_miss_m), polluted \(.cm_l1d_poll)"'))"
	else
		not_ok "${names[$((2 * i + 1))]}" "${bad:-no @emu line}" "$(tail -2 "$tmp/on$i")"
	fi
	i=$((i + 1))
done

# Virtual indexing on the first point, twice: the same counts both times,
# and counts of its own (the L2 is indexed differently).
rest=${points[0]#*|} harts=${rest%%|*} append=${rest#*|}
run "$tmp/v1" "$harts" "$append" "$pargs,model=virt,$geom,$costs"
run "$tmp/v2" "$harts" "$append" "$pargs,model=virt,$geom,$costs"
run "$tmp/p2" "$harts" "$append" "$pargs,model=phys,$geom,$costs"
v=$(emu "$tmp/v1" | jq -c .region)
if [ -n "$v" ] && [ "$v" = "$(emu "$tmp/v2" | jq -c .region)" ] && [ -z "$(emu "$tmp/v1" | sums)" ] &&
	cmp -s "$tmp/p2" "$tmp/on0"; then
	ok "${names[$((2 * i))]}"
else
	not_ok "${names[$((2 * i))]}" "virt: ${v:-no @emu}" "$(emu "$tmp/v1" | sums)" "$(diff "$tmp/p2" "$tmp/on0" | head -3)"
fi

timeout 30 "$QEMU" -machine virt -bios default -nographic -m 256M -smp 1 -icount shift=0,sleep=off \
	-kernel "$K" -plugin "$P,$pargs,model=phys,l1d_size=1000,l1d_ways=3,l1d_line=64" \
	-append "hz=100 -- null --backend sync" > "$tmp/bad" 2>&1
rc=$?
why=$(grep -a '^@emu {"error"' "$tmp/bad")
if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && [[ "$why" == *l1d* ]] && ! grep -q '^@run' "$tmp/bad"; then
	ok "${names[$((2 * i + 1))]} (${why#@emu })"
else
	not_ok "${names[$((2 * i + 1))]}" "exit $rc" "$(head -3 "$tmp/bad")"
fi
finish
