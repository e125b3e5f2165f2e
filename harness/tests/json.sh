#!/bin/bash
# --format json (run and sweep): one object holding the schema version and
# the rows; each key one type in every row (integer, number or string;
# null where a cell is empty); every number printed with the digits its
# runs.csv cell carries, no binary noise (0.7, not 0.69999999999999996).
# usage: json.sh SCBENCH
. "$(dirname "$0")/fake-env.sh"
HOST="$(dirname "$FAKE")/fake-wl-host"
command -v jq >/dev/null || { skip "JSON output" "jq is not installed (make deps)"; exit 0; }
T=(--qemu "$FAKE" --kernel "$tmp/kernel" --host-bin "$HOST" --ops 10)
# jq_true FILTER FILE: the filter's answer is true (jq -e alone passes an
# empty input).
jq_true() { test "$(jq --argjson v "${v:-0}" --argjson n "${n:-0}" "$1" "$2" 2>&1)" = true; }

"$S" sweep "${T[@]}" --target refos,host --backend sync,null --conc 1,3 -o "$tmp/set" \
	--format json >"$tmp/sweep.json" 2>"$tmp/sweep.err"
check "sweep --format json exits 0" test $? -eq 0
n=$(csv_rows "$tmp/set/runs.csv")
v=$(csv_col "$tmp/set/runs.csv" schema_version | head -1)
check "sweep --format json: an object with schema_version $v and the $n rows of runs.csv" \
	jq_true 'type == "object" and .schema_version == $v and (.rows | length) == $n' "$tmp/sweep.json"
"$S" sweep "${T[@]}" --target refos,host --backend sync --conc 1 -o "$tmp/quiet" >"$tmp/quiet.out" 2>/dev/null
check "sweep without --format prints no rows" test ! -s "$tmp/quiet.out"

# "row key class value" of the document as printed (jq would normalise the
# numbers, hiding what this checks).
raw() {
	awk '/^    \{/ { row++ }
	     /^      "[^"]*": / {
		line = $0; sub(/^      "/, "", line); key = line; sub(/".*/, "", key)
		val = line; sub(/^[^"]*": /, "", val); sub(/,$/, "", val)
		cls = val == "null" ? "null" : val ~ /^"/ ? "string" : val ~ /[.eE]/ ? "number" : "integer"
		print row, key, cls, val }' "$1"
}
raw "$tmp/sweep.json" >"$tmp/cells"
check "every cell of every row is read back ($(wc -l <"$tmp/cells") cells)" \
	test "$(wc -l <"$tmp/cells")" -eq $((n * $(head -1 "$tmp/set/runs.csv" | tr , '\n' | wc -l)))
mixed=$(awk '$3 != "null" { seen[$2 " " $3] = 1 } END { for (k in seen) { split(k, a, " "); n[a[1]]++ }
	for (c in n) if (n[c] > 1) print c }' "$tmp/cells" | tr '\n' ' ')
check "one type per key in every row${mixed:+ (mixed: $mixed)}" test -z "$mixed"
check "the figures that are ratios are numbers" \
	test "$(awk '$2 == "instr_per_op" && $3 != "null" { print $3 }' "$tmp/cells" | sort -u)" = number
check "names stay strings" test "$(awk '$2 == "backend" { print $3 }' "$tmp/cells" | sort -u)" = string

# Each number as its cell: the digits the harness computed, no more.
bad=""
for col in $(awk '$3 == "number" || $3 == "integer" { print $2 }' "$tmp/cells" | sort -u); do
	want=$(csv_col "$tmp/set/runs.csv" "$col" | tr '\n' ' ')
	got=$(awk -v c="$col" '$2 == c { v = $4; if (v == "null") v = ""; sub(/\.0$/, "", v); print v }' \
		"$tmp/cells" | tr '\n' ' ')
	[ "$want" = "$got" ] || bad="$bad $col ($got vs $want)"
done
check "every number is its runs.csv cell, digit for digit${bad:+:$bad}" test -z "$bad"
check "no number carries binary noise" \
	test -z "$(awk '$3 == "number" && $4 ~ /[0-9]{16}/' "$tmp/cells")"

"$S" run "${T[@]}" --backend async --conc 3 --format json >"$tmp/run.json" 2>/dev/null
check "run --format json: the same object" jq_true '.schema_version == 1 and (.rows | length) == 1' "$tmp/run.json"
check "run --format json: traps_per_op 0.7 as computed" grep -qE '"traps_per_op": 0\.7,?$' "$tmp/run.json"
finish
