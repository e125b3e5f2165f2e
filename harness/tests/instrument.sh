#!/bin/bash
# scbench's --instrument plugin: the emu_* cells of a refos row, and every
# way the plugin can be missing or fail: a reason in the row or on stderr,
# never a silent zero. usage: instrument.sh SCBENCH KERNEL PLUGIN
. "$(dirname "$0")/../../ci/tap.sh"
S="$1" K="$2" P="$3"
names=("a refos row carries the plugin's counts" "no plugin built: the row says why, the point still counts"
       "--instrument plugin without a plugin stops before booting"
       "--instrument takes plugin or none" "a plugin that refuses its arguments fails the point with its reason"
       "two harts: the workload's hart and the rest add up to every hart, level by level"
       "two harts: emu_instr_by_hart holds the same split"
       "every emu_* count has its per-op form, the count over region_ops"
       "summary.csv has the critical path's and the rest's medians per op")
if [ ! -r "$K" ] || [ ! -r "$P" ] || ! command -v qemu-system-riscv64 >/dev/null; then
	for n in "${names[@]}"; do skip "$n" "needs $K, $P and qemu-system-riscv64 (make, make deps)"; done
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
point=(run --kernel "$K" --plugin "$P" --workload echo --backend sync --conc 4 --ops 500 --format csv)

"$S" "${point[@]}" > "$tmp/ok.csv" 2>"$tmp/ok.err"
col() { csv_col "$tmp/$1.csv" "$2"; }
traps=$(($(col ok u_traps) + $(col ok s_traps)))
if [ "$(col ok status)" = ok ] && [ "$(col ok emu_trap_s)" -gt 0 ] && [ -n "$(col ok emu_instr_hart)" ] &&
	[ "$(col ok emu_instr_by_hart)" != "" ] && [ -z "$(col ok emu_note)" ]; then
	ok "${names[0]} (emu_trap_s $(col ok emu_trap_s), u_traps + s_traps $traps)"
else
	not_ok "${names[0]}" "status $(col ok status) reason $(col ok reason)" "$(tail -2 "$tmp/ok.err")"
fi

"$S" "${point[@]}" --plugin "$tmp/none.so" > "$tmp/none.csv" 2>"$tmp/none.err"
note=$(col none emu_note)
if [ "$(col none status)" = ok ] && [ -z "$(col none emu_instr)" ] && [[ "$note" == *"not found"* ]]; then
	ok "${names[1]} ($note)"
else
	not_ok "${names[1]}" "status $(col none status), emu_instr '$(col none emu_instr)', note '$note'"
fi

"$S" "${point[@]}" --plugin "$tmp/none.so" --instrument plugin > /dev/null 2>"$tmp/asked.err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "none.so' not found" "$tmp/asked.err"; then
	ok "${names[2]}"
else
	not_ok "${names[2]}" "exit $rc" "$(cat "$tmp/asked.err")"
fi

"$S" "${point[@]}" --instrument maybe > /dev/null 2>"$tmp/bad.err"
rc=$?
check "${names[3]} ($(head -1 "$tmp/bad.err"))" test "$rc" -eq 2 -a -n "$(grep -- '--instrument' "$tmp/bad.err")"

# A QEMU that hands the plugin one argument too many, as a wrong address
# from refos-args.sh would.
cat > "$tmp/qemu" <<'EOF'
#!/bin/bash
args=()
for a in "$@"; do
	case "$a" in *emu.so,*) a="$a,stvec=0xnot" ;; esac
	args+=("$a")
done
exec qemu-system-riscv64 "${args[@]}"
EOF
chmod +x "$tmp/qemu"
"$S" "${point[@]}" --qemu "$tmp/qemu" > "$tmp/refused.csv" 2>/dev/null
reason=$(col refused reason)
if [ "$(col refused status)" = failed ] && [[ "$reason" == "emulator plugin: argument 'stvec=0xnot'"* ]]; then
	ok "${names[4]} ($reason)"
else
	not_ok "${names[4]}" "status $(col refused status), reason '$reason'"
fi

# The poller on its own hart: the workload's hart and the poller's differ.
"$S" run --kernel "$K" --plugin "$P" --workload echo --backend async --sqmode poller --notify poll \
	--harts 2 --hz 10000 --conc 16 --ops 1000 --reps 2 --force-reps -o "$tmp/two" --format csv \
	> "$tmp/two.csv" 2>"$tmp/two.err"
two() { csv_col "$tmp/two.csv" "$1" | head -1; }
bad=""
[ "$(two status)" = ok ] || bad="status $(two status) $(two reason)"
for l in "" _u _s _m; do
	t=$(two "emu_instr$l") h=$(two "emu_instr_hart$l") r=$(two "emu_instr_rest$l")
	{ [ -n "$t" ] && [ -n "$h" ] && [ -n "$r" ] && [ $((h + r)) -eq "$t" ]; } ||
		bad="$bad; emu_instr$l $t is not hart $h + rest $r"
done
# Each level of the other hart did some work: the split is no zero.
[ "$(two emu_instr_rest_s)" -gt 0 ] 2>/dev/null && [ "$(two emu_instr_hart_u)" -gt 0 ] 2>/dev/null ||
	bad="$bad; a hart with nothing: rest_s '$(two emu_instr_rest_s)', hart_u '$(two emu_instr_hart_u)'"
if [ -z "$bad" ]; then
	ok "${names[5]} (hart $(two emu_hart): $(two emu_instr_hart), rest $(two emu_instr_rest))"
else
	not_ok "${names[5]}" "${bad#; }"
fi

# "0:U/S/M,1:U/S/M" against the numeric columns
want="$(two emu_hart):$(two emu_instr_hart_u)/$(two emu_instr_hart_s)/$(two emu_instr_hart_m)"
other="$(( 1 - $(two emu_hart) )):$(two emu_instr_rest_u)/$(two emu_instr_rest_s)/$(two emu_instr_rest_m)"
got=$(two emu_instr_by_hart | tr ',' '\n' | sort | paste -sd,)
exp=$(printf '%s\n%s\n' "$want" "$other" | sort | paste -sd,)
check "${names[6]} ($got)" test "$got" = "$exp"

# Every numeric emu_* cell but the hart number against its _per_op.
head -1 "$tmp/two.csv" | tr ',' '\n' | grep '^emu_' | grep -v '_per_op$' |
	grep -v '^emu_hart$\|^emu_instr_by_hart$\|^emu_note$' > "$tmp/counts"
ops=$(two region_ops) bad="" n=0
while read -r c; do
	v=$(two "$c") q=$(two "${c}_per_op")
	n=$((n + 1))
	awk -v v="$v" -v q="$q" -v o="$ops" 'BEGIN {
		if (q == "" || o <= 0) exit 1
		d = v / o - q; if (d < 0) d = -d
		exit !(d <= 1e-9 * (v / o) + 1e-12) }' || bad="$bad; $c $v / $ops vs ${c}_per_op '$q'"
done < "$tmp/counts"
if [ -z "$bad" ] && [ "$n" -ge 20 ]; then
	ok "${names[7]} ($n counts)"
else
	not_ok "${names[7]}" "${bad#; }" "$n counts"
fi

# Two identical repetitions: each median is the runs' figure.
bad=""
for c in emu_instr_hart_per_op emu_instr_rest_per_op emu_instr_rest_m_per_op; do
	m=$(csv_col "$tmp/two/summary.csv" "${c}_median") lo=$(csv_col "$tmp/two/summary.csv" "${c}_ci_lo")
	awk -v a="$m" -v b="$(two "$c")" -v l="$lo" 'BEGIN { exit !(a != "" && l != "" &&
		(a - b)^2 <= 1e-12 * b^2) }' || bad="$bad; ${c}_median '$m' (ci_lo '$lo') vs $(two "$c")"
done
if [ -z "$bad" ]; then ok "${names[8]}"; else not_ok "${names[8]}" "${bad#; }"; fi
finish
