# TAP helpers for the harness's shell suites (sourced, not run).
#   ok NAME | not_ok NAME WHY | skip NAME WHY | check NAME CMD...
#   csv_col FILE COLUMN   values of a column, picked by header name
#   finish                exit status: 1 if any check failed
failures=0

ok() { echo "ok - $1"; }
not_ok() {
	echo "not ok - $1"
	shift
	[ $# -gt 0 ] && printf '# %s\n' "$@"
	failures=$((failures + 1))
}
skip() { echo "ok - $1 # SKIP $2"; }
check() {
	local name="$1"
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

# Column values of a CSV written by scbench, by header name. Quoted fields
# with commas are handled; quoted newlines are not (scbench never writes
# one in the columns the tests read).
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

# Rows of a CSV (records after the header).
csv_rows() { echo $(($(wc -l < "$1") - 1)); }

finish() { [ "$failures" -eq 0 ]; }
