#!/bin/bash
# --hyperfine on host points: hyperfine's mean, median and stddev (seconds)
# become hf_*_ns columns after the fixed schema's, and without hyperfine the
# columns stay empty with the reason in hf_note. Skipped without wl-host or
# hyperfine.
# usage: hyperfine.sh SCBENCH WL_HOST
. "$(dirname "$0")/../../ci/tap.sh"
S="$1" W="$2"
need_exec "scbench binary" "$S"
err=$("$S" run --target host --hyperfine --hf-runs 1 2>&1 >/dev/null)
check "--hf-runs below 2 is a usage error (a spread needs two runs)" \
	test $? -eq 2 -a -n "$(grep -F -- "--hf-runs: '1' is not a count from 2" <<<"$err")"
names=("--hyperfine merges mean, median and stddev in ns" "hf columns come after the fixed schema's"
       "without hyperfine the hf columns are empty and hf_note says why")
if [ ! -x "$W" ]; then
	for n in "${names[@]}"; do skip "$n" "no host workload binary at $W (make builds it)"; done
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { "$S" run --target host --host-bin "$W" --workload echo --backend sync --conc 2 \
	--ops 500 --hyperfine --hf-warmup 1 --hf-runs 3 --format csv "$@"; }

if ! command -v hyperfine >/dev/null; then
	skip "${names[0]}" "hyperfine is not installed (make deps installs it)"
	skip "${names[1]}" "hyperfine is not installed"
else
	run > "$tmp/hf.csv" 2>"$tmp/err"
	rc=$?
	mean=$(csv_col "$tmp/hf.csv" hf_mean_ns) med=$(csv_col "$tmp/hf.csv" hf_median_ns)
	sd=$(csv_col "$tmp/hf.csv" hf_stddev_ns) n=$(csv_col "$tmp/hf.csv" hf_runs)
	# The whole process, start-up included, takes longer than the
	# measured region the workload reports itself.
	wall=$(csv_col "$tmp/hf.csv" wall_ns)
	if [ $rc -eq 0 ] && [ "$n" = 3 ] &&
	   awk -v m="$mean" -v d="$med" -v s="$sd" -v w="$wall" \
		'BEGIN { exit !(m > 0 && d > 0 && s >= 0 && s != "" && m > w) }'; then
		ok "${names[0]} (mean $mean ns, median $med ns, stddev $sd ns over $n runs)"
	else
		not_ok "${names[0]}" "exit $rc, mean '$mean' median '$med' stddev '$sd' runs '$n' wall '$wall'" \
			"$(cat "$tmp/err")"
	fi
	cols=$(head -1 "$tmp/hf.csv" | tr ',' '\n')
	at() { grep -nx "$1" <<<"$cols" | cut -d: -f1; }
	check "${names[1]}" test -n "$(at hf_mean_ns)" -a "$(at hf_mean_ns)" -gt "$(at log_file)" \
		-a "$(at hf_median_ns)" -gt "$(at hf_mean_ns)"
fi

PATH=/nonexistent run > "$tmp/no.csv" 2>"$tmp/err"
rc=$?
note=$(csv_col "$tmp/no.csv" hf_note) mean=$(csv_col "$tmp/no.csv" hf_mean_ns)
if [ $rc -eq 0 ] && [ -z "$mean" ] && grep -q "hyperfine is not installed" <<<"$note" &&
   grep -q "hf_\* columns stay empty" "$tmp/err"; then
	ok "${names[2]} ($note)"
else
	not_ok "${names[2]}" "exit $rc, hf_mean_ns '$mean', hf_note '$note'" "$(cat "$tmp/err")"
fi
finish
