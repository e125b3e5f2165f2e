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
set key outside below center horizontal Left reverse noenhanced spacing 1.1 width 2 samplen 3.5
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

# The plot clause every figure draws a data file with: a curve per data set
# (one per configuration), x the concurrency, y the column col, `ttl` its
# title clause ("title columnhead(1)": the configuration's label; "notitle"),
# each in its configuration's style; beneath them, where the points have a
# confidence interval (repetitions), the interval as error bars in the same
# colour (vectors, which draw no point of their own).
# Use: eval "plot " . curves(FILE, "instr_per_op", "title columnhead(1)")
curves(file, col, ttl) = curves_k(file, col, ttl, style_keys(file))
curves_k(file, col, ttl, keys) = style_first_missing(keys, 1) ne "" \
	? sprintf("(no_style_in_styles_gp) title \"%s\"", style_first_missing(keys, 1)) \
	: sprintf("for [k=1:%d] '%s' index (k-1) using (column(\"conc\")):(column(\"%s_lo\")):(0):(column(\"%s_hi\") - column(\"%s_lo\")) with vectors heads size screen 0.004,90 lt style_lt(word(\"%s\", k)) dt solid lw 1 notitle, ", \
		words(keys), file, col, col, col, keys) . \
	  sprintf("for [k=1:%d] '%s' index (k-1) using (column(\"conc\")):(column(\"%s\")) %s lt style_lt(word(\"%s\", k))", \
		words(keys), file, col, ttl, keys)

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
