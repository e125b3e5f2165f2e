# TAP helpers for every shell test suite (sourced, not run; POSIX sh, so the
# os/ suites run under sh and the others under bash). The lines are the ones
# ci/run-tests counts:
#   ok NAME                a pass: "ok - NAME"
#   not_ok NAME WHY...     a failure: "not ok - NAME", then each line of each
#                          WHY as a "# " comment, so no reason can pass for a result
#   skip NAME WHY          a missing capability: "ok - NAME # SKIP WHY"
#   check NAME CMD...      ok when CMD succeeds, not_ok naming CMD otherwise
#   need_exec WHAT PATH    not ok and exit 1 unless PATH is executable
#   finish                 the suite's exit status: 1 if anything failed
#   csv_col FILE COLUMN    values of a CSV column, picked by header name
#   csv_rows FILE          how many records follow a CSV's header
failures=0

ok() { echo "ok - $1"; }

not_ok() {
	echo "not ok - $1"
	shift
	local why
	for why in "$@"; do printf '%s\n' "$why" | sed 's/^/# /'; done
	failures=$((failures + 1))
}

# A reason of several lines keeps its first on the result line.
skip() { printf 'ok - %s # SKIP %s\n' "$1" "$2" | sed '2,$s/^/# /'; }

check() {
	local name="$1"
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

need_exec() {
	[ -x "$2" ] && return 0
	not_ok "$1 '$2' missing"
	exit 1
}

finish() { [ "$failures" -eq 0 ]; }

# Quoted fields with commas are handled; quoted newlines are not (scbench
# never writes one in the columns the tests read).
csv_col() {
	awk -v want="$2" '
	function split_csv(line, out,    n, i, c, q, f) {
		n = 0; f = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) {
				if (c == "\"" && substr(line, i + 1, 1) == "\"") { f = f c; i++ }
				else if (c == "\"") q = 0
				else f = f c
			} else if (c == "\"") q = 1
			else if (c == ",") { out[++n] = f; f = "" }
			else f = f c
		}
		out[++n] = f
		return n
	}
	NR == 1 { n = split_csv($0, h); for (i = 1; i <= n; i++) if (h[i] == want) col = i
		  if (!col) { print "no column " want > "/dev/stderr"; exit 1 }; next }
	{ split_csv($0, v); print v[col] }' "$1"
}

csv_rows() { echo $(($(wc -l < "$1") - 1)); }
