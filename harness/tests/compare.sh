#!/bin/bash
# scbench compare on synthetic result sets whose distributions are known:
# two drawn from one distribution must give "no-difference" at every point,
# one slower by a known factor "slower" (and the reverse "faster") with the
# factor inside the interval; one run a side that does not repeat exactly is
# "too-few-runs"; differences between the sets' meta.json are warned about.
# usage: compare.sh SCBENCH
. "$(dirname "$0")/../../ci/tap.sh"
S="$1"
need_exec "scbench binary" "$S"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A host set: 3 points x REPS runs, ops_per_sec = 1e6 x FACTOR x (1 +- 5%
# uniform noise). The noise is a Park-Miller generator seeded with SEED,
# exact in double arithmetic, so every awk draws the same numbers.
synth() { # DIR SEED FACTOR REPS
	mkdir -p "$1"
	awk -v seed="$2" -v f="$3" -v reps="$4" 'BEGIN {
		x = seed * 7919
		print "schema_version,target,workload,backend,icount,conc,size,ops,rep,status,ops_per_sec"
		for (c = 1; c <= 4; c *= 2)
			for (r = 0; r < reps; r++)
				printf "1,host,echo,sync,0,%d,64,1000,%d,ok,%.1f\n", c, r,
					1e6 * f * (1 + 0.1 * ((x = (x * 16807) % 2147483647) / 2147483647 - 0.5))
	}' > "$1/runs.csv"
	cp "$tmp/meta.json" "$1/meta.json"
}
cat > "$tmp/meta.json" <<'JSON'
{"commit": "c1", "commit_dirty": false, "host": {"nodename": "m", "cpu_model": "X"},
 "tools": {"qemu": "7.2"}, "load": {"start_1min": 0.1}}
JSON
synth "$tmp/a" 1 1 9
synth "$tmp/b" 2 1 9
synth "$tmp/slow" 3 0.6667 9
synth "$tmp/one" 4 1 1

verdicts() { csv_col "$1" verdict | sort | uniq -c | awk '{ printf "%s%s:%s", (NR > 1 ? " " : ""), $2, $1 }'; }

"$S" compare "$tmp/a" "$tmp/b" > "$tmp/ab.csv" 2>"$tmp/ab.err"
check "same distribution: exit 0" test $? -eq 0
v=$(verdicts "$tmp/ab.csv")
check "same distribution: no significant difference at any point ($v)" test "$v" = "no-difference:3"
check "... judged on ops_per_sec" test "$(csv_col "$tmp/ab.csv" verdict_figure | sort -u)" = ops_per_sec
check "... every interval holds 1" test "$(paste -d' ' <(csv_col "$tmp/ab.csv" ops_per_sec_ratio_lo) \
	<(csv_col "$tmp/ab.csv" ops_per_sec_ratio_hi) | awk '$1 < 1 && 1 < $2' | wc -l)" -eq 3
check "... the level and method are stated" grep -q "at the 95% level (bootstrap, 2000 resamples): 0 faster, 0 slower, 3 no-difference" "$tmp/ab.err"
check "... alike sets: no warning" test -z "$(grep warning "$tmp/ab.err")"

"$S" compare "$tmp/a" "$tmp/slow" > "$tmp/as.csv" 2>/dev/null
v=$(verdicts "$tmp/as.csv")
check "B slower by 1.5x: slower at every point ($v)" test "$v" = "slower:3"
check "... the interval holds the factor 0.6667 and not 1" test "$(paste -d' ' \
	<(csv_col "$tmp/as.csv" ops_per_sec_ratio_lo) <(csv_col "$tmp/as.csv" ops_per_sec_ratio_hi) |
	awk '$1 < 0.6667 && 0.6667 < $2 && $2 < 1' | wc -l)" -eq 3
"$S" compare "$tmp/slow" "$tmp/a" > "$tmp/sa.csv" 2>/dev/null
v=$(verdicts "$tmp/sa.csv")
check "the other way round: faster at every point ($v)" test "$v" = "faster:3"

"$S" compare "$tmp/a" "$tmp/one/runs.csv" > "$tmp/one.csv" 2>/dev/null
v=$(verdicts "$tmp/one.csv")
check "one run on a side, not exact: too-few-runs ($v)" test "$v" = "too-few-runs:3"

"$S" compare "$tmp/a" "$tmp/a" --format md > "$tmp/aa.md" 2>/dev/null
check "md shows the verdict and the interval" grep -q '^| host echo sync c=1 s=64 | no-difference | .* 1 \[0\.9[0-9]*, 1\.0[0-9]*\] |' "$tmp/aa.md"

sed -i 's/"c1"/"c2"/; s/"X"/"Y"/; s/"7.2"/"8.0"/; s/0.1}/3.5}/' "$tmp/b/meta.json"
"$S" compare "$tmp/a" "$tmp/b" > /dev/null 2>"$tmp/warn.err"
for what in 'commit: "c1" vs "c2"' 'host.cpu_model: "X" vs "Y"' 'tools.qemu: "7.2" vs "8.0"' \
	    'load.start_1min'; do
	check "a warning names the difference in ${what%%:*}" grep -q "warning: A and B differ in $what" "$tmp/warn.err"
done
rm "$tmp/b/meta.json"
"$S" compare "$tmp/a" "$tmp/b" > /dev/null 2>"$tmp/nometa.err"
check "a set without meta.json: warned" grep -q "warning: no meta.json beside $tmp/b" "$tmp/nometa.err"
finish
