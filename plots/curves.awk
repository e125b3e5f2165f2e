# What style.gp's curves() and wins() read off a data file: gnuplot's own
# language cannot compare one curve with another at the same x, this can.
# The file: one block per configuration, a "# style KEY" line above a
# header whose first field is the curve's label and whose other fields name
# the columns (conc; COL, COL_lo, COL_hi), blocks two blank lines apart
# (harness/plotdata.c writes them; ci/parallel-table.sh and
# linux/tools/vs-refos.sh the same layout).
# usage: awk -f curves.awk -v mode=MODE -v col=COL [-v ...] FILE
#   mode=plot   the plot clause of every curve (style.gp's curves())
#   mode=key    only their key entries (a key of its own, for several panels)
#   mode=note   curves that coincide, for a title line ("" when none do)
#   mode=wins   gnuplot commands: a shaded band where async beats sync and
#               win_text, the sentence saying where (style.gp's wins())
# -v ylog=1 ylo= yhi=  the y axis as drawn (axis.gp's axis_min, axis_max)
# -v titled=0          curves without a key entry
# -v xcol=NAME         the x column (conc by default)
# -v wrap=1            a line per group of curves in win_text
# -v better=lower|higher|breakeven  which way async beats sync; with
#                      breakeven, -v refs="Y ..." the trap costs to judge at
function T(v) { return ylog ? log(v) / log(2) : v }
function num(s) { return s != "" && s != "nan" && s != "-nan" }
function fmt(v) { return sprintf("%.12g", v) }
BEGIN { FS = ","; nb = 0; want = 0; if (xcol == "") xcol = "conc" }
/^# style / { nb++; key[nb] = substr($0, 9); want = 1; next }
/^#/ || /^[ \t]*$/ { next }
want { lab[nb] = $1; for (i = 1; i <= NF; i++) ci[nb, $i] = i; want = 0; next }
nb > 0 {
	x = $(ci[nb, xcol]); y = $(ci[nb, col])
	if (!num(x) || !num(y) || (ylog && y <= 0)) next
	n[nb]++; X[nb, n[nb]] = x + 0; Y[nb, n[nb]] = y + 0
	has[nb, x + 0] = 1
	lo = (nb, col "_lo") in ci ? $(ci[nb, col "_lo"]) : ""
	hi = (nb, col "_hi") in ci ? $(ci[nb, col "_hi"]) : ""
	hasci = num(lo) && num(hi) && (!ylog || lo > 0)
	L[nb, n[nb]] = hasci ? lo + 0 : y + 0; H[nb, n[nb]] = hasci ? hi + 0 : y + 0
	CI[nb, n[nb]] = hasci; anyci[nb] = anyci[nb] || hasci
	if (!(x in xs)) { xs[x] = 1; nx++ }
	xmin = nx == 1 || x + 0 < xmin ? x + 0 : xmin; xmax = nx == 1 || x + 0 > xmax ? x + 0 : xmax
}
function coincide(    b, i, j, k, m, c, t, tol, span, d, o, s, tmp) {
	# Per x: the points (and intervals) of the curves, in the order of their
	# value; a point within a mark's size of the one before it, or whose
	# interval overlaps the one before, joins its cluster. The marks of a
	# cluster are set side by side around x, a mark's width apart, in
	# block order; the lines keep the true x.
	tol = 0.025 * (T(yhi) - T(ylo)); if (tol <= 0) tol = 1e-9
	span = xmax > xmin ? log(xmax / xmin) / log(2) : 1
	d = 0.015 * span; if (d < 0.08) d = 0.08
	for (x in xs) {
		m = 0
		for (b = 1; b <= nb; b++) for (i = 1; i <= n[b]; i++) if (X[b, i] == x + 0) {
			m++; pb[m] = b; pi[m] = i; pt[m] = T(Y[b, i])
		}
		for (j = 2; j <= m; j++) for (k = j; k > 1 && pt[k - 1] > pt[k]; k--) {
			tmp = pt[k]; pt[k] = pt[k - 1]; pt[k - 1] = tmp
			tmp = pb[k]; pb[k] = pb[k - 1]; pb[k - 1] = tmp
			tmp = pi[k]; pi[k] = pi[k - 1]; pi[k - 1] = tmp
		}
		c = 0
		for (j = 1; j <= m; j++) {
			if (j == 1 || !(pt[j] - pt[j - 1] < tol || T(L[pb[j], pi[j]]) <= T(H[pb[j - 1], pi[j - 1]])))
				c++
			cl[c, ++cn[c]] = j
		}
		for (k = 1; k <= c; k++) {
			# block order inside the cluster
			for (j = 2; j <= cn[k]; j++) for (o = j; o > 1 && pb[cl[k, o - 1]] > pb[cl[k, o]]; o--) {
				tmp = cl[k, o]; cl[k, o] = cl[k, o - 1]; cl[k, o - 1] = tmp
			}
			for (j = 1; j <= cn[k]; j++) {
				s = cl[k, j]
				# at either end of the axis the marks go inward only
				edge = x + 0 == xmax ? -(cn[k] - 1) / 2 : x + 0 == xmin ? (cn[k] - 1) / 2 : 0
				dodge[pb[s], x + 0] = cn[k] > 1 ? 2 ^ ((j - (cn[k] + 1) / 2 + edge) * d) : 1
				if (cn[k] > 1) for (o = 1; o <= cn[k]; o++) if (o != j && (pt[s] - pt[cl[k, o]]) ^ 2 < (tol / 5) ^ 2)
					same[pb[s], pb[cl[k, o]], x + 0] = 1
			}
			delete cn[k]
		}
		delete cl
	}
}
# The x of a curve's marks: the concurrency, moved where its mark would
# hide another's.
function xexpr(b,    i, e, any) {
	e = ""
	for (i = 1; i <= n[b]; i++) if (dodge[b, X[b, i]] != 1) {
		e = e sprintf("column(\"%s\") == %s ? %s : ", xcol, fmt(X[b, i]), fmt(X[b, i] * dodge[b, X[b, i]]))
		any = 1
	}
	return any ? "(" e "column(\"" xcol "\"))" : "(column(\"" xcol "\"))"
}
function add(s, c) { return s == "" ? c : s ", " c }
function plot_clause(    b, s, src, lt, x) {
	s = ""
	for (b = 1; b <= nb; b++) {
		# a curve with nothing to draw gets no key entry either
		if (!n[b]) continue
		src = sprintf("'%s' index %d", FILENAME, b - 1)
		lt = sprintf("lt style_lt(\"%s\")", key[b])
		x = xexpr(b)
		if (mode != "key") {
			if (anyci[b])
				s = add(s, sprintf("%s using %s:(column(\"%s_lo\")):(0):(column(\"%s_hi\") - column(\"%s_lo\")) with vectors heads size screen 0.004,90 %s dt solid lw 1 notitle", src, x, col, col, col, lt))
			s = add(s, sprintf("%s using (column(\"%s\")):(column(\"%s\")) with lines %s notitle", src, xcol, col, lt))
			s = add(s, sprintf("%s using %s:(column(\"%s\")) with points %s notitle", src, x, col, lt))
		}
		if (titled || mode == "key")
			s = add(s, sprintf("keyentry with linespoints %s title \"%s\"", lt, lab[b]))
	}
	return s
}
# Curves that meet at every x they share: one line shows for all of them
# (their marks stand side by side), which the panel's title says.
function note(    a, b, i, all, g, s, gm, used, w) {
	s = ""
	for (a = 1; a <= nb; a++) {
		if (used[a]) continue
		split("", gm); gm[1] = a; g = 1
		for (b = a + 1; b <= nb; b++) {
			if (used[b] || n[b] < 2 || n[a] < 2) continue
			all = 1; w = 0
			for (i = 1; i <= n[a]; i++) if ((b, X[a, i]) in has) { w++; if (!same[a, b, X[a, i]]) all = 0 }
			if (all && w >= 2) { gm[++g] = b; used[b] = 1 }
		}
		if (g > 1) s = s (s == "" ? "" : (wrap ? "\n" : "; ")) glob(gm, g)
	}
	if (s != "") return "one line, marks side by side:" (wrap ? "\n" : " ") s
	return ""
}
# The labels of a group of curves, those that differ only after their
# last slash (or ": ") written once: "enter/{poll,wait}, worker/poll".
function glob(gm, g,    i, l, p, pre, np, sf, s, k) {
	np = 0
	for (i = 1; i <= g; i++) {
		l = short(lab[gm[i]])
		p = match(l, /\/[^\/]*$/) ? substr(l, 1, RSTART) : match(l, /: [^:]*$/) ? substr(l, 1, RSTART + 1) : "\001" i
		if (!(p in sf)) { pre[++np] = p; sf[p] = "" ; k[p] = 0 }
		sf[p] = sf[p] (k[p]++ ? "," : "") (p ~ /^\001/ ? l : substr(l, length(p) + 1))
	}
	s = ""
	for (i = 1; i <= np; i++) s = s (i > 1 ? ", " : "") (pre[i] ~ /^\001/ ? "" : pre[i]) (k[pre[i]] > 1 ? "{" sf[pre[i]] "}" : sf[pre[i]])
	return s
}
# Concurrency levels as a phrase: "at every concurrency", "from 16",
# "at 4", "at 8-32, 512".
function runs(set, all,    i, s, a, b, inall, ok, k) {
	k = 0; ok = 1
	for (i = 1; i <= nall; i++) if (!(allx[i] in set)) ok = 0
	if (ok) return "at every concurrency"
	s = ""; a = ""
	for (i = 1; i <= nall + 1; i++) {
		if (i <= nall && allx[i] in set) { if (a == "") a = allx[i]; b = allx[i]; continue }
		if (a != "") {
			if (b == allx[nall] && a != b) s = s (s == "" ? "" : ", ") "from " a
			else s = s (s == "" ? "" : ", ") (a == b ? a : a "-" b)
			a = ""
		}
	}
	return s ~ /^from / ? s : "at " s
}
# The curves of one phrase (grpm), their labels globbed.
function members(ph,    i, gm) { for (i = 1; i <= grpx[ph]; i++) gm[i] = grpm[ph, i]; return glob(gm, grpx[ph]) }
# By how much the curves of a phrase win: ", by 2-5%" (of sync's value).
function margin(ph,    i, lo, hi, b) {
	for (i = 1; i <= grpx[ph]; i++) {
		b = grpm[ph, i]
		lo = i == 1 || bmin[b] < lo ? bmin[b] : lo; hi = i == 1 || bmax[b] > hi ? bmax[b] : hi
	}
	return sprintf(", by %s%s%%", pct(lo), pct(hi) == pct(lo) ? "" : "-" pct(hi))
}
function pct(v) { return v < 10 ? sprintf("%.1f", v) : sprintf("%.0f", v) }
# A label in a sentence: what the key says once is left out (async, the
# harts and the clock every curve of a panel shares).
function short(l) { sub(/async /, "", l); sub(/ [0-9]+ harts/, "", l); sub(/ hz=[0-9]+/, "", l); return l }
function wins(    b, s, i, j, t, sy, better_here, sep, txt, tie, w, bands, x, p, q, r, nr, rv, c) {
	# Every x of the figure, in order: the bands and the phrases use them.
	nall = 0
	for (x in xs) allx[++nall] = x + 0
	for (i = 2; i <= nall; i++) for (j = i; j > 1 && allx[j - 1] > allx[j]; j--) { t = allx[j]; allx[j] = allx[j - 1]; allx[j - 1] = t }
	txt = ""; tie = ""
	if (better == "breakeven") {
		# No sync curve: at a trap cost R async wins where its break-even
		# lies below R (at or below 0: at any cost).
		nr = split(refs, rv, " ")
		for (r = 1; r <= nr; r++) {
			delete grpx; delete grpm; ng = 0; s = ""
			for (b = 1; b <= nb; b++) {
				delete set; c = 0
				for (i = 1; i <= n[b]; i++) if (Y[b, i] < rv[r] + 0) { set[X[b, i]] = 1; c++ }
				ph = c ? runs(set) : "never"
				if (!(ph in grpx)) { grpx[ph] = 0; order[++ng] = ph }
				grpm[ph, ++grpx[ph]] = b
			}
			for (q = 1; q <= ng; q++) s = s (q > 1 ? "; " : "") members(order[q]) " " order[q]
			txt = txt (r > 1 ? "\\n" : "") "at " fmt(rv[r]) " cycles a trap async wins: " s
			delete order
		}
		if (nr == 0) {
			c = 0
			for (b = 1; b <= nb; b++) for (i = 1; i <= n[b]; i++) if (Y[b, i] <= 0) c++
			txt = "async beats sync where a trap costs more than its curve" (c ? sprintf("; at any cost at %d points (at or below 0: off the log axis)", c) : "")
		}
	} else {
		# Each curve against the sync curve of its target and knobs (the
		# key's last part, when it has an =), else of its target.
		for (b = 1; b <= nb; b++) bykey[key[b]] = b
		ng = 0
		for (b = 1; b <= nb; b++) {
			t = key[b]; sub(/\/.*/, "", t)
			if (key[b] ~ ("^" t "/sync(/|$)")) continue
			kn = key[b]; sub(/.*\//, "", kn); if (kn !~ /=/) kn = ""
			sk = t "/sync" (kn != "" ? "/" kn : "")
			if (!(sk in bykey)) sk = t "/sync"
			if (!(sk in bykey)) continue
			sy = bykey[sk]; delete set; c = 0
			for (i = 1; i <= n[b]; i++) for (j = 1; j <= n[sy]; j++) if (X[sy, j] == X[b, i]) {
				better_here = better == "lower" ? Y[b, i] < Y[sy, j] : Y[b, i] > Y[sy, j]
				if (!better_here) continue
				# With intervals on both, a win is one they do not overlap.
				if (CI[b, i] && CI[sy, j] && (better == "lower" ? H[b, i] >= L[sy, j] : L[b, i] <= H[sy, j])) {
					bt[b] = bt[b] (bt[b] == "" ? short(lab[b]) " at " : ", ") X[b, i]
					continue
				}
				set[X[b, i]] = 1; c++; anywin[X[b, i]] = 1
				r = 100 * (Y[b, i] - Y[sy, j]) / Y[sy, j]; r = r < 0 ? -r : r
				bmin[b] = c == 1 || r < bmin[b] ? r : bmin[b]; bmax[b] = c == 1 || r > bmax[b] ? r : bmax[b]
			}
			if (!c) continue
			ph = runs(set)
			if (!(ph in grpx)) { grpx[ph] = 0; order[++ng] = ph }
			grpm[ph, ++grpx[ph]] = b
		}
		for (q = 1; q <= ng; q++) txt = txt (q > 1 ? (wrap ? "\\n" : "; ") : "") members(order[q]) " " order[q] margin(order[q])
		txt = ng ? "async beats sync (shaded):" (wrap ? "\\n" : " ") txt : "async never beats sync here"
		for (b = 1; b <= nb; b++) if (bt[b] != "") tie = tie (tie == "" ? "" : "; ") bt[b]
		if (tie != "") txt = txt "\\n(better medians, intervals overlapping:" (wrap ? "\\n" : " ") tie ")"
	}
	# The band: from halfway (on the log axis) to the x before to halfway
	# to the x after, over each run of x where something wins.
	bands = "unset object; "
	p = 0
	for (i = 1; i <= nall; i++) {
		if (!(allx[i] in anywin)) continue
		a = i; while (i < nall && (allx[i + 1] in anywin)) i++
		lox = a > 1 ? sqrt(allx[a - 1] * allx[a]) : allx[a] / 2 ^ 0.5
		hix = i < nall ? sqrt(allx[i] * allx[i + 1]) : allx[i] * 2 ^ 0.5
		bands = bands sprintf("set object %d rect from %s, graph 0 to %s, graph 1 behind fc rgb \"#dcefd4\" fs solid 1.0 noborder; ", 200 + (++p), fmt(lox), fmt(hix))
	}
	gsub(/"/, "'", txt)
	return bands "win_text = \"" txt "\""
}
END {
	if (mode == "plot" || mode == "note" || mode == "key") coincide()
	if (mode == "plot" || mode == "key") print plot_clause()
	else if (mode == "note") print note()
	else if (mode == "wins") print wins()
}
