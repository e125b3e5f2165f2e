#!/bin/bash
# scbench --core: a core profile's model in the plugin, its columns, and the
# profiles it refuses before anything boots. usage: core.sh SCBENCH KERNEL PLUGIN
. "$(dirname "$0")/../../ci/tap.sh"
S="$1" K="$2" P="$3"
names=("--core u74: modelled cycles exceed the instructions by exactly the charged cycles"
       "--core u74: every L1 miss is an L2 lookup, pollution within the U misses"
       "--core rocket: an async row gets the break-even restated under the model"
       "a profile line without a source is refused before booting"
       "a key the model does not take is refused before booting"
       "--core with --instrument none is refused" "--core-index takes virt or phys")
if [ ! -r "$K" ] || [ ! -r "$P" ] || ! command -v qemu-system-riscv64 >/dev/null; then
	for n in "${names[@]}"; do skip "$n" "needs $K, $P and qemu-system-riscv64 (make, make deps)"; done
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
point=(--kernel "$K" --plugin "$P" --workload echo --conc 8 --ops 1000)
col() { csv_col "$tmp/$1.csv" "$2"; }

"$S" sweep "${point[@]}" --backend sync --core u74 -o "$tmp/u74" --force > /dev/null 2>"$tmp/u74.err"
cp "$tmp/u74/runs.csv" "$tmp/u74.csv" 2>/dev/null
ins=$(col u74 emu_instr) mc=$(col u74 modelled_cycles) miss=$(col u74 emu_cm_cyc_miss) trap=$(col u74 emu_cm_cyc_trap)
per=$(col u74 modelled_cycles_per_op) ipo=$(col u74 instr_per_op) ops=$(col u74 region_ops)
if [ "$(col u74 status)" = ok ] && [ "$(col u74 core)" = u74 ] && [ -n "$mc" ] && [ "$mc" -gt "$ins" ] &&
	[ "$mc" -eq $((ins + miss + trap)) ] && [ "$miss" -gt 0 ] && [ "$trap" -gt 0 ] &&
	awk -v p="$per" -v i="$ipo" -v m="$miss" -v t="$trap" -v o="$ops" \
		'BEGIN { d = p - i - (m + t) / o; exit !(d < 1e-6 && d > -1e-6) }' &&
	[ "$(jq -r .cost_model.core "$tmp/u74/meta.json")" = u74 ]; then
	ok "${names[0]} ($mc = $ins + $miss + $trap; $per per op against $ipo instructions)"
else
	not_ok "${names[0]}" "status $(col u74 status) $(col u74 reason)" "cycles '$mc' instr '$ins' miss '$miss' trap '$trap'" \
		"$(tail -2 "$tmp/u74.err")"
fi

l1=0 u=0
for l in l1i l1d; do
	for p in u s m; do l1=$((l1 + $(col u74 "emu_cm_${l}_miss_$p"))); done
done
bad=""
[ "$l1" -eq "$(col u74 emu_cm_l2_acc)" ] || bad="L1 misses $l1, L2 lookups $(col u74 emu_cm_l2_acc)"
for l in l1i l1d itlb dtlb l2; do
	[ "$(col u74 "emu_cm_${l}_poll")" -le "$(col u74 "emu_cm_${l}_miss_u")" ] || bad="$bad; $l pollution above U misses"
done
if [ -z "$bad" ] && [ "$l1" -gt 0 ]; then
	ok "${names[1]} ($l1 L1 misses)"
else
	not_ok "${names[1]}" "${bad:-no L1 miss}"
fi

"$S" sweep "${point[@]}" --backend sync,async --sqmode enter --notify poll --core rocket \
	-o "$tmp/rocket" --force > /dev/null 2>"$tmp/rocket.err"
cp "$tmp/rocket/runs.csv" "$tmp/rocket.csv" 2>/dev/null
note=$(csv_col "$tmp/rocket.csv" breakeven_core_note | grep . | head -1)
if [ "$(csv_col "$tmp/rocket.csv" status | sort -u)" = ok ] && [ -n "$note" ]; then
	ok "${names[2]} ($note $(csv_col "$tmp/rocket.csv" breakeven_p_trap_core | grep . | head -1))"
else
	not_ok "${names[2]}" "statuses $(csv_col "$tmp/rocket.csv" status | tr '\n' ' ')" "$(tail -2 "$tmp/rocket.err")"
fi

# Profiles that must be refused: exit 2, the file named, QEMU never started.
refused() { # NAME FILE WANT
	"$S" run "${point[@]}" --backend sync --core "$2" --qemu /nonexistent > /dev/null 2>"$tmp/r.err"
	local rc=$?
	if [ "$rc" -eq 2 ] && grep -q "$2" "$tmp/r.err" && grep -q "$3" "$tmp/r.err"; then
		ok "$1 ($(head -1 "$tmp/r.err"))"
	else
		not_ok "$1" "exit $rc" "$(cat "$tmp/r.err")"
	fi
}
printf 'source a = a manual\nl1d_size = 4096 [a]\nl1d_ways = 2\n' > "$tmp/nocite.core"
refused "${names[3]}" "$tmp/nocite.core" "cites no source"
printf 'source a = a manual\nl1d_colour = 3 [a]\n' > "$tmp/badkey.core"
refused "${names[4]}" "$tmp/badkey.core" "not a key"

"$S" run "${point[@]}" --backend sync --core u74 --instrument none > /dev/null 2>"$tmp/none.err"
rc=$?
check "${names[5]}" test "$rc" -eq 2 -a -n "$(grep -- '--instrument none' "$tmp/none.err")"
"$S" run "${point[@]}" --backend sync --core u74 --core-index both > /dev/null 2>"$tmp/idx.err"
rc=$?
check "${names[6]}" test "$rc" -eq 2 -a -n "$(grep -- '--core-index' "$tmp/idx.err")"
finish
