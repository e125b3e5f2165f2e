#!/bin/bash
# scbench's --instrument plugin: the emu_* cells of a refos row, and every
# way the plugin can be missing or fail: a reason in the row or on stderr,
# never a silent zero. usage: instrument.sh SCBENCH KERNEL PLUGIN
. "$(dirname "$0")/../../ci/tap.sh"
S="$1" K="$2" P="$3"
names=("a refos row carries the plugin's counts" "no plugin built: the row says why, the point still counts"
       "--instrument plugin without a plugin stops before booting"
       "--instrument takes plugin or none" "a plugin that refuses its arguments fails the point with its reason")
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
finish
