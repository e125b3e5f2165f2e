# Shared style of every scbench figure. Loaded by each script after it has
# checked its arguments and set `out` (the output file) and `title`; the
# terminal follows the suffix of out: .png, .pdf (vector, pdfcairo) or .svg.
#
# Every curve takes its style from its configuration (styles.gp, one map for
# every figure), never from its position in a plot command.

# A script may set fig_size ("W,H" in pixels) first, for side-by-side panels;
# a PDF gets the same size at 100 pixels an inch, so its text and lines keep
# the PNG's proportions.
if (!exists("fig_size")) { fig_size = "1000,700" }
out_is(sfx) = strlen(out) > strlen(sfx) && out[strlen(out)-strlen(sfx)+1:] eq sfx
fig_w = real(fig_size[1:strstrt(fig_size, ",")-1])
fig_h = real(fig_size[strstrt(fig_size, ",")+1:])
term_png = strstrt(GPVAL_TERMINALS, "pngcairo") > 0 \
	? "pngcairo size " . fig_size . " font \"Sans,11\" noenhanced linewidth 1.5" \
	: "png size " . fig_size . " noenhanced"
term_pdf = sprintf("pdfcairo size %.2fin,%.2fin font \"Sans,8\" noenhanced linewidth 1.1", \
	fig_w / 100, fig_h / 100)
term_svg = "svg size " . fig_size . " dynamic font \"Sans,11\" noenhanced linewidth 1.5"
if (out_is(".pdf") && strstrt(GPVAL_TERMINALS, "pdfcairo") == 0) {
	print "style.gp: this gnuplot has no pdfcairo terminal for " . out
	exit status 1
}
eval "set terminal " . (out_is(".png") ? term_png : out_is(".pdf") ? term_pdf : term_svg)
set output out
# Every script ends with `eval fig_done`: it closes the output and, for a
# PDF, replaces the time cairo stamped it with (pdf-date.sh), so that two
# renders of the same data are the same bytes.
fig_done = out_is(".pdf") ? sprintf("set output; system \"'%spdf-date.sh' '%s'\"", dir eq "" ? "./" : dir, out) : "set output"

set datafile separator ","
# height: room between a key below the plot and the x label above it
set key outside below center horizontal Left reverse noenhanced spacing 1.1 width 2 height 1 samplen 3.5
set grid xtics ytics lc rgb "#d0d0d0" lw 0.8
set border 3
set tics nomirror
set logscale x 2
set format x "%g"
set xlabel "concurrency (tasks)"
set offsets graph 0.02, graph 0.02, 0, 0
if (strlen(title) > 0) { set title title }
set style data linespoints
set pointsize 1.1
set bars small

# dir: the folder of the scripts (every script sets it before loading this).
load dir . "styles.gp"

# The configurations of a data file's curves, in block order.
style_keys(file) = system(sprintf("sed -n 's/^# style //p' '%s'", file))
# The line type of curve k of keys; a configuration missing from styles.gp
# makes the plot command fail on an undefined name, with the key beside it.
style_first_missing(keys, i) = i > words(keys) ? "" : \
	(style_lt(word(keys, i)) == 0 ? word(keys, i) : style_first_missing(keys, i + 1))

# The plot clause every figure draws a data file with (curves.awk writes
# it): a curve per data set (one per configuration), x the concurrency, y
# the column col, `ttl` its title clause ("title columnhead(1)": the
# configuration's label in the key; "notitle"), each in its
# configuration's style; where the points have a confidence interval
# (repetitions), the interval as error bars in the same colour. Where
# curves meet (marks within a mark's size, or intervals that overlap) the
# lines keep their x and the marks and bars stand side by side, so that no
# curve hides another; the y range must be set first (axis.gp), since a
# mark's size is measured on it.
# Use: eval "plot " . curves(FILE, "instr_per_op", "title columnhead(1)")
curves(file, col, ttl) = curves_k(file, col, ttl, style_keys(file))
# curves_x: the x column, when it is not conc.
curves_awk(mode, file, col, extra) = system(sprintf("awk -f '%scurves.awk' -v mode=%s -v col=%s -v xcol=%s -v ylog=%d -v ylo=%.12g -v yhi=%.12g %s '%s'", \
	dir, mode, col, exists("curves_x") ? curves_x : "conc", axis_islog, axis_min, axis_max, extra, file))
curves_k(file, col, ttl, keys) = style_first_missing(keys, 1) ne "" \
	? sprintf("(no_style_in_styles_gp) title \"%s\"", style_first_missing(keys, 1)) \
	: curves_awk("plot", file, col, ttl eq "notitle" ? "-v titled=0" : "-v titled=1")
# Only the key entries of a file's curves: a key of its own, for panels
# that share one.
curves_key(file, col) = curves_awk("key", file, col, "")
# Curves that coincide in a panel, for its title ("" when none do); their
# marks stand side by side wherever they meet anyway.
curves_note(file, col) = curves_awk("note", file, col, sprintf("-v wrap=%d", exists("wins_wrap") ? wins_wrap : 0))
# Where async beats sync in a panel, from its data: eval wins(...) shades
# those concurrencies (behind the curves) and sets win_text, the sentence
# for the panel's title (under it, never on a curve). better: "lower"
# (fewer per op), "higher" (more per second), or "breakeven" with refs, the
# trap costs (cycles, space-separated) the break-even curves are read at.
# A point where async's median is better but the two intervals overlap is
# no win; the sentence names it.
# wins_wrap = 1 first: a line per phrase, for a narrow panel.
wins(file, col, better, refs) = curves_awk("wins", file, col, sprintf("-v better=%s -v refs='%s' -v wrap=%d", \
	better, refs, exists("wins_wrap") ? wins_wrap : 0))
# A panel title with its notes, one a line.
with_notes(t, a, b) = t . (a ne "" ? "\n" . a : "") . (b ne "" ? "\n" . b : "")


# Tick labels. si: 800k, 1.5M (never 800000, never 500.0k beside 0.0);
# pow2: 1/256, 1/64 below 1 (the data are counts over a power-of-two number
# of ops), 4096 above.
si(v) = abs(v) >= 1e9 ? sprintf("%gG", v / 1e9) : abs(v) >= 1e6 ? sprintf("%gM", v / 1e6) \
	: abs(v) >= 1e3 ? sprintf("%gk", v / 1e3) : sprintf("%g", v)
pow2(e) = e < 0 ? sprintf("1/%d", int(2 ** -e + 0.5)) : e <= 16 ? sprintf("%d", int(2 ** e + 0.5)) : si(2 ** e)
nice_step(r) = (r <= 0 ? 1 : (m = 10 ** floor(log10(r / 5)), r / m > 35 ? 10 * m : r / m > 15 ? 5 * m : r / m > 7 ? 2 * m : m))
tics_lin(i, n, step) = sprintf("\"%s\" %.12g", si(i * step), i * step) . (i < n ? ", " . tics_lin(i + 1, n, step) : "")
tics_pow2(e, n, m) = sprintf("\"%s\" %.12g", pow2(e), 2.0 ** e) . (e + m <= n ? ", " . tics_pow2(e + m, n, m) : "")
tics_pow10(e, n) = sprintf("\"%s\" %.12g", e < 0 ? sprintf("%g", 10.0 ** e) : si(10.0 ** e), 10.0 ** e) . (e < n ? ", " . tics_pow10(e + 1, n) : "")
# The tick list of an axis from lo to hi: evenly spaced on a linear axis; on
# a log axis powers of two (or of ten for kind "log10") when the range spans
# at least three of them, else evenly spaced values, so that a narrow range
# still has labels.
axis_tics(kind, lo, hi) = kind eq "linear" || (kind eq "log10" ? hi / lo < 30 : hi / lo < 6) \
	? tics_lin(ceil(lo / nice_step(hi - lo) - 1e-9), floor(hi / nice_step(hi - lo) + 1e-9), nice_step(hi - lo)) \
	: kind eq "log10" ? tics_pow10(ceil(log10(lo) - 1e-9), floor(log10(hi) + 1e-9)) \
	: tics_pow2(ceil(log(lo) / log(2) - 1e-9), floor(log(hi) / log(2) + 1e-9), \
		ceil((floor(log(hi) / log(2) + 1e-9) - ceil(log(lo) / log(2) - 1e-9) + 1) / 8.0))

# The source of the figure, from the "# source:" line scbench plot writes
# at the top of each data file (commit and machine of the result set).
source_of(file) = system(sprintf("sed -n 's/^# source: //p' '%s' | head -n 1", file))
# Up the right edge, where no title, legend or axis is.
source_label(file) = sprintf("set label 100 \"%s\" at screen 0.996, screen 0.01 left rotate by 90 font \",8\" tc rgb \"#606060\" front", source_of(file))
