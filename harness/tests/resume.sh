#!/bin/bash
# scbench sweep --resume DIR finishes an interrupted set: it runs only the
# points the set lacks, and the finished set is the one an uninterrupted
# sweep writes (bit for bit but wall time). It refuses, naming what
# differs, a set from another commit, other tools, another cost model or
# another sweep. Uses the fake QEMU.
# usage: resume.sh SCBENCH
. "$(dirname "$0")/fake-env.sh" "$1"
cat >"$tmp/slow.sweep" <<'SWEEP'
knob fake=sleep
ops 10
[sync]
backend sync
conc 1..32
[async]
backend async
conc 4,8
SWEEP
SW=(--qemu "$FAKE" --kernel "$tmp/kernel" --config "$tmp/slow.sweep")

no_wall() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i !~ /^run_wall_ns/) keep[++n] = i }
		 { s = ""; for (j = 1; j <= n; j++) s = s (j > 1 ? "," : "") $keep[j]; print s }' "$1"
}

"$S" sweep "${SW[@]}" -j 2 -o "$tmp/whole" 2>/dev/null
total=$(csv_rows "$tmp/whole/runs.csv")

# Interrupted after about four points, then resumed.
"$S" sweep "${SW[@]}" -j 2 -o "$tmp/set" 2>/dev/null &
pid=$!
sleep 2.6
kill -INT $pid
wait $pid
before=$(csv_rows "$tmp/set/runs.csv")
cp -r "$tmp/set" "$tmp/pristine"
"$S" sweep --resume "$tmp/set" -j 2 2>"$tmp/resume.err"
rc=$?
ran=$(grep -c '^\[[0-9]*/[0-9]*\] ' "$tmp/resume.err")
check "resume exits 0 ($rc)" test "$rc" -eq 0
check "resume runs only the $((total - before)) missing points ($ran)" \
	test "$before" -ge 1 -a "$before" -lt "$total" -a "$ran" -eq $((total - before))
check "the resumed set = the uninterrupted sweep's runs.csv, bit for bit but wall time" \
	diff <(no_wall "$tmp/whole/runs.csv") <(no_wall "$tmp/set/runs.csv")
check "... and its summary.csv" diff <(no_wall "$tmp/whole/summary.csv") <(no_wall "$tmp/set/summary.csv")
check "... and its logs" diff <(ls "$tmp/whole/logs") <(ls "$tmp/set/logs")
check "meta.json: no longer interrupted" grep -q '"interrupted": false' "$tmp/set/meta.json"
check "meta.json: the resume dated" grep -q '"resumed": \[' "$tmp/set/meta.json"
"$S" sweep --resume "$tmp/set" 2>"$tmp/again.err"
rc=$?
check "resume of a whole set runs nothing and exits 0" \
	test "$rc" -eq 0 -a "$(grep -c '^\[' "$tmp/again.err")" -eq 0
check "... and says so" grep -q "holds every point already" "$tmp/again.err"

# ---- refusals: exit 2 naming the difference, the set untouched ------------
# refuse NAME WANT DIR [ARGS...]: sweep --resume DIR exits 2 saying WANT.
refuse() {
	local name="$1" want="$2" dir="$3"
	shift 3
	local sum
	sum=$(md5sum "$dir/runs.csv" 2>/dev/null)
	"$S" sweep --resume "$dir" "$@" 2>"$tmp/refuse.err"
	local rc=$?
	if [ "$rc" -eq 2 ] && grep -qF -- "$want" "$tmp/refuse.err" &&
	   [ "$(md5sum "$dir/runs.csv" 2>/dev/null)" = "$sum" ] && ! pgrep -f " -kernel $tmp/kernel" >/dev/null; then
		ok "resume refuses $name ($(head -1 "$tmp/refuse.err"))"
	else
		not_ok "resume refuses $name" "exit $rc" "$(cat "$tmp/refuse.err")"
	fi
}
edited() { # NAME SED: a copy of the interrupted set with meta.json edited
	cp -r "$tmp/pristine" "$tmp/$1"
	sed -i "$2" "$tmp/$1/meta.json"
}
edited commit 's/"commit": "[^"]*"/"commit": "0123abc"/'
refuse "another commit" "commit differs: $tmp/commit has '0123abc', this build has" "$tmp/commit"
edited qemu 's/"qemu": "[^"]*"/"qemu": "QEMU emulator version 0.1"/'
refuse "another QEMU" "tools.qemu differs" "$tmp/qemu"
edited cost 's/"p_trap": [0-9.]*/"p_trap": 7.0/'
refuse "another cost model" "cost_model.p_trap differs" "$tmp/cost"
edited nosweep 's/"sweep": {/"not_the_sweep": {/'
refuse "a set without a sweep record" "no record of its sweep" "$tmp/nosweep"
cp -r "$tmp/pristine" "$tmp/sweep"
sed -i 's/^conc 4,8$/conc 4,16/' "$tmp/slow.sweep"
refuse "a sweep that changed" "sweep differs: $tmp/sweep has $total points" "$tmp/sweep"
refuse "axes given with it" "--conc cannot be given with it" "$tmp/pristine" --conc 4
refuse "a folder with no set" "--resume: no result set to finish" "$tmp/nothing"

# --fail-fast stops at the first failed point (conc 4 of 1..16, one at a
# time) with the set it has so far complete, and --resume runs the rest.
FF=(--qemu "$FAKE" --kernel "$tmp/kernel" --knob fake=failconc4 --backend sync --conc 1..16 --ops 10 -j 1)
"$S" sweep "${FF[@]}" --fail-fast -o "$tmp/ff" 2>"$tmp/ff.err"
rc=$?
check "--fail-fast: exit 1 at the failed point ($rc)" test "$rc" -eq 1
check "--fail-fast: runs.csv holds conc 1, 2, 4, the last failed" \
	test "$(csv_col "$tmp/ff/runs.csv" conc | tr '\n' ,)$(csv_col "$tmp/ff/runs.csv" status | tail -1)" = "1,2,4,failed"
check "--fail-fast: says so" grep -q -- "--fail-fast: stopped at the first failed point" "$tmp/ff.err"
check "--fail-fast: meta.json says the set is unfinished" grep -q '"interrupted": true' "$tmp/ff/meta.json"
check "--fail-fast: summary.csv written" test -s "$tmp/ff/summary.csv"
"$S" sweep --resume "$tmp/ff" 2>"$tmp/ff-resume.err"
rc=$?
check "--fail-fast set resumed: the rest run ok (exit $rc), the failed row kept" \
	test "$rc" -eq 0 -a "$(csv_col "$tmp/ff/runs.csv" conc | tr '\n' ,)" = "1,2,4,8,16," -a \
	"$(grep -c '^\[[0-9]*/[0-9]*\] ' "$tmp/ff-resume.err")" = 2
"$S" sweep "${FF[@]}" -o "$tmp/noff" 2>/dev/null
check "without --fail-fast every point runs" test "$(csv_rows "$tmp/noff/runs.csv")" = 5
finish
