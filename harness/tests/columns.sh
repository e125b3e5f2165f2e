#!/bin/bash
# The column schema (harness/columns.c) is the one list: docs/metrics.md's
# tables are its output, every column has a description, and a test build
# with one more refos counter (one X line in a copy of the uapi header) and
# one more derived column (one table row) finds both in runs.csv, the
# summary and the docs check with nothing else written. Every column the
# gnuplot scripts name is one the plot data files carry, and every column
# of the committed result sets is described.
# usage: columns.sh SCBENCH   (from the top of the tree)
. "$(dirname "$0")/fake-env.sh"
TOP="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$TOP" || exit 1

# The tables between the markers of docs/metrics.md, against what the
# schema of scbench $1 prints.
docs_match() {
	awk '/^<!-- columns: end/ { f = 0 } f { print } /^<!-- columns: begin/ { f = 1 }' \
		docs/metrics.md >"$tmp/doc.md"
	"$1" columns --format md >"$tmp/gen.md" 2>"$tmp/gen.err" && diff -u "$tmp/doc.md" "$tmp/gen.md" >"$tmp/doc.diff"
}

quiet() { "$@" >/dev/null; }
check "scbench columns finds no problem in the schema" quiet "$S" columns
"$S" columns --format tsv >"$tmp/list"
check "every column's line has a unit, a source, roles and a description" \
	test "$(awk -F'\t' 'NF != 5 || $2 == "" || $3 == "" || $4 == "" || $5 == ""' "$tmp/list" | wc -l)" -eq 0
if docs_match "$S"; then
	ok "docs/metrics.md's tables are the schema's (scbench columns --format md)"
else
	not_ok "docs/metrics.md's tables are the schema's (scbench columns --format md)" \
		"make metrics-doc rewrites them; the difference:" "$(head -40 "$tmp/doc.diff")"
fi

# Every column of the committed result sets (refos with the plugin, the
# host with the tracer) is one the schema describes.
undoc=""
for f in results/*/runs.csv; do
	for c in $(head -1 "$f" | tr ',' ' '); do
		cut -f1 "$tmp/list" | grep -qx "$c" || undoc="$undoc $f:$c"
	done
done
check "every column of results/*/runs.csv is in the schema${undoc:+ (not:$undoc)}" test -z "$undoc"

# The columns the scripts pick by name, against the plot data files' list.
plot_cols=$(awk -F'\t' '$4 ~ /(^|, )plot(,|$)/ { print $1 }' "$tmp/list")
missing=""
for c in $(grep -oh 'column("[a-z_0-9]*")' plots/*.gp | sed 's/column("//; s/")//' | sort -u); do
	echo "$plot_cols" | grep -qx "$c" || missing="$missing $c"
done
check "every column plots/*.gp names is in the plot data${missing:+ (not:$missing)}" test -z "$missing"

# ---- a test build with a scratch counter and a scratch derived column ----
mkdir -p "$tmp/inc/uapi"
awk '{ print } /^#define RF_HART_COUNTERS\(X\)/ {
	print "\tX(scratch_count, \"a scratch counter of the test build\") \\" }' \
	os/include/uapi/rf_counters.h >"$tmp/inc/uapi/rf_counters.h"
cat >"$tmp/extra.h" <<'EOF'
DERIVED("scratch_per_op", "count/op", DOC_DERIVED, "`scratch_count / region_ops`, of the test build",
	NULL, .per_op = "scratch_count", .summary = 200),
EOF
B="$tmp/build"
build() {
	make --no-print-directory -s BUILD="$B" \
		"HARNESS_INC=-I$tmp/inc -Iworkloads/include -Ios/include -DSCB_EXTRA_COLUMNS='\"$tmp/extra.h\"'" \
		"$B/scbench" >"$tmp/build.out" 2>&1
}
if ! build; then
	not_ok "a scbench with a scratch counter and column builds" "$(tail -20 "$tmp/build.out")"
	finish
	exit
fi
ok "a scbench with a scratch counter and column builds"
SB="$B/scbench"
check "its schema has no problem" quiet "$SB" columns
"$SB" columns --format tsv >"$tmp/slist"
check "it lists the scratch counter as a refos counter, with its description" \
	grep -qx 'scratch_count	count	refos counter	fixed	a scratch counter of the test build' "$tmp/slist"
check "it lists the scratch column in the summary list" \
	grep -q '^scratch_per_op	.*	derived	fixed, summary	.*of the test build' "$tmp/slist"
if docs_match "$SB"; then
	not_ok "the docs check fails for the scratch build (its doc lacks the scratch columns)"
else
	check "the docs check fails for the scratch build, naming both scratch columns" \
		grep -q '^+| `scratch_per_op`' "$tmp/doc.diff"
	grep -q '^+| `scratch_count` | count | refos counter' "$tmp/doc.diff" ||
		not_ok "the docs check names the scratch counter"
fi

R="$tmp/set"
FAKE_RUN_EXTRA='"scratch_count":42' "$SB" sweep --qemu "$FAKE" --kernel "$tmp/kernel" \
	--workload echo --backend sync --conc 1,2 --ops 1000 -o "$R" 2>"$tmp/sweep.err"
check "a sweep of the scratch build exits 0" test $? -eq 0
hdr=$(head -1 "$R/runs.csv")
check "runs.csv has the counter at its place, after vtime_ns (not among the sorted rest)" \
	grep -q ',vtime_ns,scratch_count,u_traps,' <<<"$hdr"
check "runs.csv has the counter's values ($(csv_col "$R/runs.csv" scratch_count | tr '\n' ' '))" \
	test "$(csv_col "$R/runs.csv" scratch_count | sort -u)" = 42
check "runs.csv has the derived column: 42 / 1000 ops ($(csv_col "$R/runs.csv" scratch_per_op | sort -u))" \
	test "$(csv_col "$R/runs.csv" scratch_per_op | sort -u)" = 0.042
check "summary.csv has its median ($(csv_col "$R/summary.csv" scratch_per_op_median | sort -u))" \
	test "$(csv_col "$R/summary.csv" scratch_per_op_median | sort -u)" = 0.042
check "summary.csv has its interval" test "$(csv_col "$R/summary.csv" scratch_per_op_ci_hi | sort -u)" = 0.042

# A column without a description fails the schema check, naming it.
cat >"$tmp/extra.h" <<'EOF'
DERIVED("scratch_undescribed", "count/op", DOC_DERIVED, "", NULL, .per_op = "scratch_count"),
EOF
if ! build; then
	not_ok "the build with an undescribed column builds" "$(tail -20 "$tmp/build.out")"
else
	"$SB" columns >/dev/null 2>"$tmp/bad.err"
	check "scbench columns exits 1 for a column without a description" test $? -eq 1
	check "... naming it" grep -q "column scratch_undescribed has no description" "$tmp/bad.err"
	docs_match "$SB"
	check "the docs check fails with it" test -s "$tmp/gen.err"
fi
finish
