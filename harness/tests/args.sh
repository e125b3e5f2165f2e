#!/bin/bash
# The point arguments are written once, in workloads/include/wl_args.h: the
# harness shows the workload's limits and defaults, refuses before anything
# boots what the workload would refuse, and the scripts that spell workload
# options agree with the table (wl-host --args prints it).
# usage: args.sh SCBENCH WL_HOST [REFOS_KERNEL]
. "$(dirname "$0")/../../ci/tap.sh"
S="$1" W="$2" K="${3:-}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
need_exec "scbench binary" "$S"
need_exec "host workload binary" "$W"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$W" --args > "$tmp/table"
check "wl-host --args prints the table" grep -q '^@arg conc num ' "$tmp/table"
field() { awk -v k="$1" -v n="$2" '$1 == "@arg" && $2 == k { print $n }' "$tmp/table"; }
wlmax() { awk -v w="$1" '$1 == "@workload" && $2 == w { print $3 }' "$tmp/table"; }
modes() { awk -v b="$1" '$1 == "@backend" && $2 == b { print $4 }' "$tmp/table"; }
mode_default() { awk -v b="$1" '$1 == "@backend" && $2 == b { print $5 }' "$tmp/table"; }

# ---- the backends each program was built with are the table's -------------
# have_vs_table TARGET FILE: FILE holds the program's --args output.
have_vs_table() {
	local have want
	have=$(awk '$1 == "@have" { print $2 }' "$2" | sort | tr '\n' ' ')
	want=$(awk -v t="$1" '$1 == "@backend" && ("," $3 ",") ~ ("," t ",") { print $2 }' "$tmp/table" |
		sort | tr '\n' ' ')
	check "$1 is built with the backends wl_args.h lists for it ($want)" test "$have" = "$want"
}
have_vs_table host "$tmp/table"
if [ -n "$K" ] && [ -r "$K" ] && command -v qemu-system-riscv64 >/dev/null; then
	timeout 60 qemu-system-riscv64 -machine virt -bios default -nographic -m 256M -smp 1 \
		-icount shift=0,sleep=off -kernel "$K" -append "hz=100 -- echo --args" \
		</dev/null 2>&1 | tr -d '\r' > "$tmp/refos-table"
	have_vs_table refos "$tmp/refos-table"
	check "refos and wl-host print the same tables" \
		test "$(grep -v '^@have' "$tmp/table")" = "$(grep -E '^@(arg|workload|backend) ' "$tmp/refos-table")"
else
	skip "refos is built with the backends wl_args.h lists for it" "no kernel or QEMU here"
fi

# ---- the harness shows the workload's limits and defaults ----------------
help=$("$S" run --help)
for a in conc size ops; do
	block=$(awk -v o="  --$a " 'index($0, o) == 1 { on = 1; print; next }
		on && /^   / { print; next } { on = 0 }' <<<"$help" | tr '\n' ' ')
	range="$(field $a 4)..$(field $a 5)" def=$(field $a 6)
	check "scbench run --help: --$a is $range, default $def, as the workload says" \
		grep -qF -e "$range" <<<"$block"
	grep -qF "(default $def)" <<<"$block" || not_ok "--$a default in help" "$block"
done

# ---- refused before anything boots -----------------------------------------
printf '#!/bin/sh\ntouch "%s/booted"\n' "$tmp" > "$tmp/spy-qemu"
chmod +x "$tmp/spy-qemu"
touch "$tmp/kernel"
# refused NEEDLE ARGS...: exit 2, NEEDLE on stderr, no QEMU and no wl-host run.
refused() {
	local needle="$1" err rc
	shift
	rm -f "$tmp/booted"
	err=$("$S" run --qemu "$tmp/spy-qemu" --kernel "$tmp/kernel" --host-bin "$tmp/spy-qemu" \
		"$@" 2>&1 >/dev/null)
	rc=$?
	if [ $rc -eq 2 ] && grep -qF -- "$needle" <<<"$err" && [ ! -e "$tmp/booted" ]; then
		ok "refused before boot: $*"
	else
		not_ok "refused before boot: $*" "status $rc (want 2), booted: $([ -e "$tmp/booted" ] &&
			echo yes || echo no), stderr: $err" "wanted: $needle"
	fi
}
over_conc=$(($(field conc 5) + 1)) over_echo=$(($(wlmax echo) + 1))
refused "--conc: $over_conc is out of range" --conc "$over_conc"
refused "--size: echo messages are at most $(wlmax echo) bytes" --workload echo --size "$over_echo"
refused "--size: pingpong messages are at most" --workload pingpong --size "$over_echo"
refused "--size: 0 is out of range" --size 0
refused "--notify: uring takes one of $(modes uring), not 'uintr'" \
	--target host --backend uring --notify uintr
refused "--backend: 'async' is not a backend of host" --target host --backend async
refused "--backend: 'uring' is not a backend of refos" --backend uring
refused "--backend: 'ring' is not one of" --backend ring
printf 'name t\n[a]\nbackend async\nconc %s\n' "$over_conc" > "$tmp/over.sweep"
refused "over.sweep:4: --conc: $over_conc is out of range" --config "$tmp/over.sweep"

# ...and the workload refuses the same (exit 2), while the limit itself runs.
"$W" echo --conc "$over_conc" --ops 1 >/dev/null 2>&1
check "wl-host refuses conc $over_conc too" test $? -eq 2
"$W" echo --size "$over_echo" --ops 1 >/dev/null 2>&1
check "wl-host refuses echo size $over_echo too" test $? -eq 2
"$W" echo --backend uring --notify uintr --ops 1 >/dev/null 2>&1
check "wl-host refuses uring --notify uintr too" test $? -eq 2
"$S" run --dry-run --kernel k --conc "$(field conc 5)" --size "$(wlmax echo)" >/dev/null
check "the limits themselves are points" test $? -eq 0

# ---- one --notify rule: omitted means the backend's default ----------------
line=$("$S" run --dry-run --kernel k --backend async)
check "refos async without --notify runs $(mode_default async)" \
	grep -qF -- "--backend async --notify $(mode_default async) " <<<"$line"
for be in uring uring-sqpoll; do
	out=$("$W" null --backend "$be" --ops 10 2>&1)
	rc=$?
	if [ $rc -eq 3 ]; then
		skip "$be without --notify runs $(mode_default $be)" "io_uring unavailable here"
		continue
	fi
	check "$be without --notify runs $(mode_default $be)" \
		grep -qF "\"notify\":\"$(mode_default $be)\"" <<<"$out"
done

# ---- the scripts that spell workload options agree with the table ----------
names=" $(awk '$1 == "@arg" { printf "%s ", $2 }' "$tmp/table")"
host_opts=" $("$W" --help | sed -n '/^host options:/,/^$/p' | grep -oE '^  --[a-z-]+' |
	sed 's/^  --//' | tr '\n' ' ')"
fq="$ROOT/harness/tests/fake-qemu"
# The fake QEMU's defaults are the workload's, option by option.
for a in backend conc ops size; do
	check "fake-qemu's default $a is the table's ($(field $a 6))" \
		grep -qE "(^| )$a=$(field $a 6)( |$)" "$fq"
done
for o in $(sed -n '/^while/,/^done/p' "$fq" | grep -oE '^	--[a-z-]+\)' | sed 's/^	--//; s/)$//'); do
	case "$names" in *" $o "*) ;; *) not_ok "fake-qemu reads --$o, which is not a workload option" ;; esac
done
ok "fake-qemu reads only workload options"
for f in workloads/tools/host-table.sh workloads/tools/pipe-rtt.sh os/tools/async-table.sh \
	 os/tests/run-determinism.sh; do
	bad=""
	for o in $(grep -E -- '--backend[ =]' "$ROOT/$f" | grep -oE -- '--[a-z][a-z-]*' | sed 's/^--//' | sort -u); do
		case "$names$host_opts" in *" $o "*) ;; *) bad="$bad --$o" ;; esac
	done
	check "$f spells only workload options${bad:+ (not:$bad)}" test -z "$bad"
done
bad=""
for n in $(grep -ohE -- '--backend async --notify [a-z]+' "$ROOT/os/tools/async-table.sh" \
	"$ROOT/os/tests/run-determinism.sh" | awk '{ print $4 }' | sort -u); do
	case ",$(modes async)," in *",$n,"*) ;; *) bad="$bad $n" ;; esac
done
check "async --notify values in the scripts are async's modes${bad:+ (not:$bad)}" test -z "$bad"
finish
