#!/bin/bash
# Do the curves of a figure stay apart in grey-scale print? Reads the SVGs
# gnuplot drew and takes, for every titled curve of every panel, its style as
# drawn: dash pattern, point type and grey level (the stroke colour's luma,
# Rec. 601). Two curves of one panel are told apart when at least two of the
# three differ, a grey level differing by 0.15 or more: one difference
# alone (two solid lines of one grey with other marks) is lost in print.
# usage: plots/tests/greyscale.sh FIGURE.svg...   exit 1 naming each pair
# that is not told apart.
rc=0
for f in "$@"; do
	awk -v fig="$f" '
	function flush() { if (t != "") { n[p]++; T[p, n[p]] = t; D[p, n[p]] = d; P[p, n[p]] = pt; G[p, n[p]] = g } t = "" }
	/<g id="gnuplot_plot_[0-9]+[a-z]*" ><title>/ {
		flush()
		id = $0; sub(/.*id="gnuplot_plot_[0-9]+/, "", id); p = id; sub(/".*/, "", p)
		t = $0; sub(/.*<title>/, "", t); sub(/<\/title>.*/, "", t)
		if (t ~ /^gnuplot_plot_/) t = ""
		d = ""; pt = ""; g = ""; next
	}
	t != "" && g == "" && /<path stroke=.rgb\(/ {
		s = $0; sub(/.*stroke=.rgb\(/, "", s); sub(/\).*/, "", s); split(s, c, ",")
		g = (0.299 * c[1] + 0.587 * c[2] + 0.114 * c[3]) / 255
		d = "solid"
		if ($0 ~ /stroke-dasharray/) { d = $0; sub(/.*stroke-dasharray=./, "", d); sub(/[^0-9.,].*/, "", d) }
	}
	t != "" && pt == "" && /xlink:href=.#gpPt[0-9]+. transform/ {
		pt = $0; sub(/.*#gpPt/, "", pt); sub(/[^0-9].*/, "", pt)
	}
	/<\/g>/ && t != "" && g != "" && pt != "" { flush() }
	END {
		flush(); bad = 0
		for (q in n) for (i = 1; i <= n[q]; i++) for (j = i + 1; j <= n[q]; j++) {
			k = (D[q, i] != D[q, j]) + (P[q, i] != P[q, j]) + ((G[q, i] - G[q, j])^2 >= 0.15^2)
			if (k < 2) {
				printf "%s: panel %s: \"%s\" and \"%s\" differ in grey only by %s\n", fig, q, T[q, i], T[q, j], \
					(D[q, i] != D[q, j] ? "dash" : P[q, i] != P[q, j] ? "point type" : (G[q, i] - G[q, j])^2 >= 0.15^2 ? "grey level" : "nothing")
				bad = 1
			}
		}
		exit bad
	}' "$f" || rc=1
done
exit $rc
