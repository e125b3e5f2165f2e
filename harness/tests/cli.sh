#!/bin/bash
# Command-line errors: exit status 2 and a message naming the bad argument;
# --help on every subcommand, ending with examples.
# usage: cli.sh SCBENCH
. "$(dirname "$0")/../../ci/tap.sh"
S="$1"
need_exec "scbench binary" "$S"

# usage_error NAME NEEDLE ARGS...: exit 2 and NEEDLE on stderr
usage_error() {
	local name="$1" needle="$2"
	shift 2
	local err rc
	err=$("$S" "$@" 2>&1 >/dev/null)
	rc=$?
	if [ $rc -eq 2 ] && grep -qF -- "$needle" <<<"$err"; then
		ok "$name"
	else
		not_ok "$name" "scbench $*: status $rc (want 2), stderr: $err" "wanted: $needle"
	fi
}

usage_error "no command" "usage" 
usage_error "unknown command" "unknown command 'frobnicate'" frobnicate
usage_error "conc 0" "--conc: 0 is out of range" run --conc 0
usage_error "conc range not a doubling" "--conc: range 1..100: 100 is not 1 times a power of two" sweep --conc 1..100
usage_error "conc not a number" "--conc: 'many' is not an integer" sweep --conc many
usage_error "conc empty item" "--conc: empty item" sweep --conc 1,,4
usage_error "conc without value" "--conc needs a value" run --conc
usage_error "conc followed by option" "--conc needs a value" run --conc --ops 10
usage_error "bad sqmode" "--sqmode: 'fast' is not one of enter worker poller" sweep --sqmode enter,fast
usage_error "bad notify" "--notify: 'signal' is not one of poll wait uintr" run --notify signal
usage_error "bad target" "--target: 'mars' is not one of refos linux host" run --target mars
usage_error "bad format" "--format: 'xml' is not one of csv json md" run --format xml
usage_error "bad jobs" "--jobs: '0'" sweep -j 0
usage_error "bad penalty" "--p-trap: '-5' is not a number of cycles" run --p-trap -5
usage_error "bad reps" "--reps: 'lots'" sweep --reps lots
usage_error "bad timeout" "--timeout: '0'" run --timeout 0
usage_error "unknown option" "unknown option '--colour'" run --colour red
usage_error "positional argument" "unexpected argument 'echo'" run echo
usage_error "missing config" "--config: cannot open /nonexistent/sweep" sweep --config /nonexistent/sweep
usage_error "missing profile" "--profile: cannot open" run --profile no-such-profile
usage_error "plot without DIR" "DIR (a result set folder) is missing" plot
usage_error "plot unknown option" "unknown option '--colour'" plot somewhere --colour
usage_error "compare one set" "want two result sets" compare onlyone
usage_error "compare bad format" "--format: want csv or md" compare a b --format xml

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'name t\n[a]\nworkload echo\nconc 1..3\n' > "$tmp/bad.sweep"
usage_error "sweep file error names file and line" "bad.sweep:4: --conc: range 1..3" sweep --config "$tmp/bad.sweep"
printf 'name t\n[a]\nspeed fast\n' > "$tmp/bad2.sweep"
usage_error "sweep file unknown key" "bad2.sweep:3: unknown setting 'speed'" sweep --config "$tmp/bad2.sweep"
printf 'p_trap = 100\n' > "$tmp/nosource.profile"
usage_error "profile without source" "must cite its source" run --profile "$tmp/nosource.profile"

for sub in "" run sweep plot compare gate validate columns; do
	out=$("$S" $sub --help 2>&1)
	rc=$?
	# The examples block comes last: its lines run scbench.
	if [ $rc -eq 0 ] && grep -q '^examples:' <<<"$out" && tail -1 <<<"$out" | grep -qE '(scbench|gnuplot) '; then
		ok "help ${sub:-(top)} ends with examples"
	else
		not_ok "help ${sub:-(top)} ends with examples" "status $rc, last line: $(tail -1 <<<"$out")"
	fi
done

# The dry run shows the exact QEMU command line of docs/interfaces.md.
out=$("$S" run --dry-run --kernel k --backend async --sqmode worker --notify uintr --conc 16 --ops 20000 --harts 2 2>&1)
want="qemu-system-riscv64 -machine virt -bios default -nographic -m 256M -smp 2 -icount shift=0,sleep=off -kernel k -append 'hz=100 sqmode=worker -- echo --backend async --notify uintr --conc 16 --ops 20000 --size 64'"
check "dry run prints the interfaces.md command" test "$out" = "$want"
out=$("$S" run --dry-run --kernel k 2>&1)
check "sync points carry no sqmode or notify" test "$out" = "qemu-system-riscv64 -machine virt -bios default -nographic -m 256M -smp 1 -icount shift=0,sleep=off -kernel k -append 'hz=100 -- echo --backend sync --conc 1 --ops 10000 --size 64'"
n=$("$S" sweep --dry-run --kernel k --backend sync,async --sqmode enter,worker,poller --notify poll,wait,uintr --harts 2 --conc 1..256 2>/dev/null | wc -l)
check "sync is not multiplied by sqmode x notify (90 points)" test "$n" -eq 90
out=$("$S" run --dry-run --target host --host-bin wl --backend uring --notify poll --conc 8 --trace 2>&1)
check "host command line" test "$out" = "wl echo --backend uring --notify poll --conc 8 --ops 10000 --size 64 --trace"
out=$("$S" run --dry-run --kernel k --no-icount --knob crash=panic 2>&1)
check "no-icount and knobs" test "$out" = "qemu-system-riscv64 -machine virt -bios default -nographic -m 256M -smp 1 -accel tcg,thread=multi -kernel k -append 'hz=100 crash=panic -- echo --backend sync --conc 1 --ops 10000 --size 64'"

# Options as in every getopt tool: -j2 and -ofoo glued, --key=value, and
# options after positional arguments.
FAKE="$(dirname "$0")/fake-qemu"
touch "$tmp/kernel"
"$S" sweep --qemu "$FAKE" --kernel "$tmp/kernel" --backend sync --conc=1,2 --ops 10 -j2 \
	-o"$tmp/glued" 2>"$tmp/glued.err"
check "sweep takes -j2 and -oDIR" test $? -eq 0 -a -s "$tmp/glued/runs.csv"
check "-j2 reaches the engine (meta.json jobs 2)" grep -q '"jobs": *2' "$tmp/glued/meta.json"
usage_error "glued short value checked" "--jobs: 'x'" sweep -jx
usage_error "flag given a value" "--dry-run takes no value" run --dry-run=yes
usage_error "unknown short option" "unknown option '-q'" run -q
usage_error "compare options after the sets" "--format: want csv or md" compare a b --format=xml

# --version: the commit and the schema version the CSV carries.
v=$("$S" --version)
schema=$(csv_col "$tmp/glued/runs.csv" schema_version | head -1)
check "--version names a commit and schema $schema ($v)" \
	grep -qE "^scbench [0-9a-f]{40}(-dirty)? \(results schema $schema\)$" <<<"$v"

# The defaults --help shows are the ones a point gets.
help_default() {
	"$S" "$1" --help | awk -v o="  --$2 " 'index($0, o) == 1 { on = 1; print; next }
		on && /^   / { print; next } { on = 0 }' | tr '\n' ' ' |
		sed -n 's/.*(default \([^)]*\)).*/\1/p'
}
line=$("$S" run --dry-run --kernel k)
for opt in conc ops size hz; do
	d=$(help_default run $opt)
	case "$opt" in
	hz) want="hz=$d " ;;
	*) want="--$opt $d" ;;
	esac
	check "run --help's --$opt default ($d) is what runs" grep -qF -- "$want" <<<"$line"
done
check "sweep --help shows the sweep's conc default" test "$(help_default sweep conc)" = "1..256"
n=$("$S" sweep --dry-run --kernel k --backend sync | wc -l)
check "and a sweep runs it (9 points)" test "$n" -eq 9
finish
