#!/bin/bash
# The linux target end to end: the Linux guest boots under -icount, runs
# null, echo and pingpong through the sync, epoll and io_uring backends with
# every byte verified, and the plugin's region counts are non-zero and agree
# with the calls made; two boots count the same; a bad --linux, a guest
# without its workload, a panic and a guest that never prints @run each
# become a failed row with the reason, within the timeout.
# usage: linux.sh SCBENCH LINUX_DIR PLUGIN
. "$(dirname "$0")/../../ci/tap.sh"
S="$1" L="$2" P="$3"
need_exec scbench "$S"
for f in Image vmlinux initramfs.cpio init gen_init_cpio; do
	[ -r "$L/$f" ] || { not_ok "linux guest file $L/$f (make builds it)"; exit 1; }
done
command -v qemu-system-riscv64 >/dev/null || { not_ok "qemu-system-riscv64 (make deps)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
base=(--target linux --linux "$L" --plugin "$P")

# One sweep, nine points: each workload through each backend.
"$S" sweep "${base[@]}" --workload null,echo,pingpong --backend sync,epoll,uring --conc 2 \
	--ops 300 --size 64 -j 2 -o "$tmp/set" > /dev/null 2>"$tmp/set.err"
runs="$tmp/set/runs.csv"
if [ "$(csv_rows "$runs" 2>/dev/null)" != 9 ]; then
	not_ok "nine linux points ran" "$(tail -3 "$tmp/set.err")"
	exit 1
fi
paste -d' ' <(csv_col "$runs" workload) <(csv_col "$runs" backend) <(csv_col "$runs" status) \
	<(csv_col "$runs" verify) <(csv_col "$runs" region_ops) <(csv_col "$runs" emu_instr_u) \
	<(csv_col "$runs" emu_instr_s) <(csv_col "$runs" emu_ecall_u) <(csv_col "$runs" emu_sw_us) \
	<(csv_col "$runs" instr_per_op) <(csv_col "$runs" reason) > "$tmp/rows"
while read -r w b st v ops iu is ec us ipo reason; do
	name="linux $w through $b"
	if [ "$st" != ok ] || [ "$v" != ok ]; then
		not_ok "$name: verified" "status $st verify $v: $reason"
		continue
	fi
	ok "$name: verified ($ops ops in the region)"
	# Every sync and epoll op is at least one system call; io_uring batches
	# its ops into fewer io_uring_enter calls, but makes some; every ecall
	# is a switch from U to S.
	want=$ops
	[ "$b" = uring ] && want=1
	if [ "$iu" -gt 0 ] && [ "$is" -gt 0 ] && [ "$ec" -ge "$want" ] && [ "$us" -ge "$ec" ]; then
		ok "$name: plugin counts (U $iu, S $is instructions, $ec U ecalls >= $want, $us U->S; $ipo instr/op)"
	else
		not_ok "$name: plugin counts" "U $iu S $is ecall_u $ec (want >= $want) sw_us $us"
	fi
done < "$tmp/rows"

# Two boots of one point: the same counts, instruction for instruction.
"$S" sweep "${base[@]}" --workload pingpong --backend sync --conc 2 --ops 300 --reps 2 --force-reps \
	-j 2 -o "$tmp/twice" > /dev/null 2>&1
a=$(csv_col "$tmp/twice/runs.csv" emu_instr | sort -u)
if [ "$(csv_col "$tmp/twice/runs.csv" status | sort -u)" = ok ] && [ "$(echo "$a" | wc -l)" = 1 ] &&
	[ "${a:-0}" -gt 0 ]; then
	ok "two boots count the same instructions ($a)"
else
	not_ok "two boots count the same instructions" "emu_instr: $(echo $a)" \
		"status: $(csv_col "$tmp/twice/runs.csv" status | tr '\n' ' ')"
fi

# The failures: each a row with its reason, none waiting out the timeout
# but the one that is about the timeout.
fail_case() { # NAME WANT_REASON_GLOB SCBENCH_ARGS...
	local name=$1 want=$2
	shift 2
	local t0=$SECONDS
	"$S" run "${base[@]}" --workload echo --backend sync --conc 1 --ops 100 --format csv "$@" \
		> "$tmp/f.csv" 2>"$tmp/f.err"
	local rc=$? st reason
	st=$(csv_col "$tmp/f.csv" status 2>/dev/null)
	reason=$(csv_col "$tmp/f.csv" reason 2>/dev/null)
	# shellcheck disable=SC2053
	if [ "$rc" -eq 1 ] && [ "$st" = failed ] && [[ "$reason" == $want ]]; then
		ok "$name: failed row ($reason, $((SECONDS - t0)) s)"
	else
		not_ok "$name" "exit $rc, status '$st', reason '$reason'" "$(tail -2 "$tmp/f.err")"
	fi
}
fail_case "a bad --linux" "no @run line: qemu*$tmp/nowhere/Image*" --linux "$tmp/nowhere" --timeout 20

# A guest whose initramfs lacks the workload: init says so and exits 127.
mkdir -p "$tmp/nowl"
cp "$L/Image" "$L/vmlinux" "$tmp/nowl/"
printf '%s\n' 'dir /dev 0755 0 0' 'nod /dev/console 0600 0 0 c 5 1' 'dir /proc 0755 0 0' \
	"file /init $(realpath "$L/init") 0755 0 0" > "$tmp/nowl.list"
"$L/gen_init_cpio" "$tmp/nowl.list" > "$tmp/nowl/initramfs.cpio"
fail_case "a guest without its workload" "no @run line*" --linux "$tmp/nowl" --timeout 20

# No init at all: the kernel panics, which ends the point at once.
printf '%s\n' 'dir /dev 0755 0 0' 'nod /dev/console 0600 0 0 c 5 1' > "$tmp/noinit.list"
mkdir -p "$tmp/noinit" && cp "$L/Image" "$L/vmlinux" "$tmp/noinit/"
"$L/gen_init_cpio" "$tmp/noinit.list" > "$tmp/noinit/initramfs.cpio"
fail_case "a guest whose kernel panics" "kernel panic: *" --linux "$tmp/noinit" --timeout 20

# A guest still busy when the timeout comes has printed no @run line.
fail_case "a guest that never prints @run in time" "timeout after 3 s" --ops 100000000 --timeout 3
finish
