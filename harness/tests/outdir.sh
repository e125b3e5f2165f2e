#!/bin/bash
# Where the results go can fail too: a folder that cannot be written is a
# usage error before anything boots, one that holds a set is not replaced
# unless asked; a disk that fills mid-sweep stops the sweep with a clear
# error, keeps runs.csv whole and loses no finished row;
# a full stdout is an error, not a silent success. Uses the fake QEMU.
# usage: outdir.sh SCBENCH
. "$(dirname "$0")/../../ci/tap.sh"
S="$1"
FAKE="$(cd "$(dirname "$0")" && pwd)/fake-qemu"
[ -x "$S" ] || { echo "not ok - scbench binary '$S' missing"; exit 1; }
tmp=$(mktemp -d)
mounted=""
cleanup() {
	for m in $mounted; do umount "$m" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
touch "$tmp/kernel"
F=(--qemu "$FAKE" --kernel "$tmp/kernel" --backend sync --ops 10)

# A small tmpfs of our own, when this machine lets us mount one.
can_mount() {
	mkdir -p "$tmp/probe" && mount -t tmpfs -o size=64k tmpfs "$tmp/probe" 2>/dev/null &&
		umount "$tmp/probe"
}
small_fs() { # DIR SIZE [ro]
	mkdir -p "$1" && mount -t tmpfs -o "size=$2${3:+,$3}" tmpfs "$1" && mounted="$1 $mounted"
}

# bad_outdir NAME DIR: exit 2 at once, the message names -o, nothing boots.
bad_outdir() {
	local name="$1" dir="$2"
	"$S" sweep "${F[@]}" --knob fake=sleep5 --conc 1 -o "$dir" 2>"$tmp/bad.err"
	local rc=$?
	if [ "$rc" -eq 2 ] && grep -q -- "-o $dir" "$tmp/bad.err" && ! pgrep -f " -kernel $tmp/kernel" >/dev/null; then
		ok "$name: usage error before any boot ($(head -1 "$tmp/bad.err"))"
	else
		not_ok "$name" "exit $rc" "$(cat "$tmp/bad.err")"
	fi
}

echo data > "$tmp/afile"
bad_outdir "-o is a file" "$tmp/afile"
bad_outdir "-o below a file" "$tmp/afile/set"
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$tmp/locked" && chmod 555 "$tmp/locked"
	bad_outdir "-o in a folder without write permission" "$tmp/locked/set"
elif can_mount && small_fs "$tmp/ro" 64k ro; then
	bad_outdir "-o on a read-only file system" "$tmp/ro/set"
else
	skip "-o on a read-only file system" "root here, and no tmpfs mount allowed"
fi

# ---- a folder that already holds a set -------------------------------------
"$S" sweep "${F[@]}" --conc 1,2 -o "$tmp/kept" 2>/dev/null
sum=$(md5sum <"$tmp/kept/runs.csv")
"$S" sweep "${F[@]}" --conc 4 -o "$tmp/kept" 2>"$tmp/kept.err"
rc=$?
check "-o onto a result set is refused (exit $rc: $(head -1 "$tmp/kept.err"))" \
	test "$rc" -eq 2 -a "$(md5sum <"$tmp/kept/runs.csv")" = "$sum" -a \
	-n "$(grep "already holds a result set (2 rows): --resume" "$tmp/kept.err")"
"$S" sweep "${F[@]}" --conc 4 --force -o "$tmp/kept" 2>/dev/null
check "--force replaces it" test "$(csv_col "$tmp/kept/runs.csv" conc)" = 4

# ---- the disk fills mid-sweep ---------------------------------------------
if ! can_mount; then
	skip "disk full mid-sweep" "cannot mount a small tmpfs here (needs root and mount rights)"
	skip "stopped sweep keeps a valid runs.csv" "no tmpfs"
	skip "unsaved rows on stdout" "no tmpfs"
	skip "--resume after space is freed" "no tmpfs"
else
	small_fs "$tmp/small" 1m
	R="$tmp/small/set"
	"$S" sweep "${F[@]}" --knob fake=sleep --conc 1..128 -j 1 -o "$R" >"$tmp/full.out" 2>"$tmp/full.err" &
	pid=$!
	for _ in $(seq 100); do [ "$(csv_rows "$R/runs.csv" 2>/dev/null)" -ge 2 ] 2>/dev/null && break; sleep 0.1; done
	# Fill what is left; the sweep's next write finds no space.
	dd if=/dev/zero of="$tmp/small/fill" bs=4k 2>/dev/null
	start=$(date +%s)
	wait $pid
	rc=$?
	took=$(($(date +%s) - start))
	rows=$(csv_rows "$R/runs.csv")
	fields=$(awk -F, '{ print NF }' "$R/runs.csv" | sort -u | wc -l)
	if [ "$rc" -eq 1 ] && [ "$took" -lt 6 ] && grep -q "No space left on device: stopping the sweep" "$tmp/full.err"; then
		ok "disk full mid-sweep: stopped in ${took}s with a clear error"
	else
		not_ok "disk full mid-sweep" "exit $rc after ${took}s" "$(tail -4 "$tmp/full.err")"
	fi
	check "stopped sweep keeps a valid runs.csv ($rows rows) and no temporary file" \
		test "$rows" -ge 1 -a "$rows" -lt 8 -a "$fields" -eq 1 -a -z "$(find "$R" -name '*.tmp*')"
	# Every finished point is in runs.csv or on stdout, each once.
	finished=$(grep -c '^\[[0-9]*/8\] ' "$tmp/full.err")
	saved=$rows
	rescued=$(($(wc -l <"$tmp/full.out") - 1))
	[ "$rescued" -lt 0 ] && rescued=0
	ids=$( (csv_col "$R/runs.csv" conc; [ -s "$tmp/full.out" ] && csv_col "$tmp/full.out" conc) | sort | uniq -d)
	check "no finished row lost: $finished finished = $saved in runs.csv + $rescued on stdout" \
		test "$finished" -eq $((saved + rescued)) -a -z "$ids"
	rm -f "$tmp/small/fill"
	# Space again: --resume finishes the set.
	"$S" sweep --resume "$R" -j 2 >/dev/null 2>"$tmp/resume.err"
	rc=$?
	check "after space is freed, --resume finishes the set (exit $rc, $(csv_rows "$R/runs.csv") of 8 rows)" \
		test "$rc" -eq 0 -a "$(csv_rows "$R/runs.csv")" -eq 8
fi

# ---- stdout that cannot take the rows ---------------------------------------
"$S" run "${F[@]}" --format csv >/dev/full 2>"$tmp/devfull.err"
rc=$?
check "run into a full stdout fails with a message (exit $rc)" \
	grep -q "cannot write stdout: No space left on device" "$tmp/devfull.err"
check "... and exit status 1" test "$rc" -eq 1
finish
