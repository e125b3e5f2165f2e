# Shared style of every scbench figure. Loaded by each script after it has
# checked its arguments and set `out` (the output file) and `title`; the
# terminal follows the suffix of out.
#
# Curves must stay apart in greyscale print: each line type has its own dash
# pattern and point shape, and the colours differ in lightness too.

# The terminal follows the suffix (strings index from 1: out[n-3:] is ".png").
# A script may set fig_size ("W,H" in pixels) first, for side-by-side panels.
if (!exists("fig_size")) { fig_size = "1000,700" }
is_png = strlen(out) > 4 && out[strlen(out)-3:] eq ".png"
term_png = strstrt(GPVAL_TERMINALS, "pngcairo") > 0 \
	? "pngcairo size " . fig_size . " font \"Sans,11\" noenhanced linewidth 1.5" \
	: "png size " . fig_size . " noenhanced"
term_svg = "svg size " . fig_size . " dynamic font \"Sans,11\" noenhanced linewidth 1.5"
eval "set terminal " . (is_png ? term_png : term_svg)
set output out

set datafile separator ","
# Below the plot, so a long legend does not narrow the axes.
set key outside below center horizontal Left reverse noenhanced spacing 1.1 width 2
set grid xtics ytics lc rgb "#d0d0d0" lw 0.8
set border 3
set tics nomirror
set logscale x 2
set format x "%g"
set xlabel "concurrency (tasks)"
set offsets graph 0.02, graph 0.02, graph 0.05, graph 0.05
if (strlen(title) > 0) { set title title }

set style data linespoints
set pointsize 1.1
# dash type, point type, colour; 12 distinct combinations before repeating.
set linetype 1  lc rgb "#000000" dt 1          pt 7  lw 1.5
set linetype 2  lc rgb "#0072b2" dt 2          pt 5  lw 1.5
set linetype 3  lc rgb "#d55e00" dt 3          pt 9  lw 1.5
set linetype 4  lc rgb "#009e73" dt 4          pt 11 lw 1.5
set linetype 5  lc rgb "#cc79a7" dt 5          pt 13 lw 1.5
set linetype 6  lc rgb "#56b4e9" dt (12,4,2,4) pt 4  lw 1.5
set linetype 7  lc rgb "#e69f00" dt (2,2)      pt 6  lw 1.5
set linetype 8  lc rgb "#555555" dt (16,4)     pt 8  lw 1.5
set linetype 9  lc rgb "#8c510a" dt (8,3,2,3,2,3) pt 10 lw 1.5
set linetype 10 lc rgb "#01665e" dt (4,4)      pt 12 lw 1.5
set linetype 11 lc rgb "#762a83" dt (20,5,5,5) pt 1  lw 1.5
set linetype 12 lc rgb "#999999" dt 1          pt 2  lw 1.5
set linetype cycle 12

# The plot clause every figure draws its data files with: a curve per data
# set of file (one per configuration) up to index last ("*": until the
# file ends; a number where a set may have no point, which would end "*"),
# x the concurrency, y the column col, `ttl` its title clause (`title
# columnhead(1)`: the configuration's label), line types from lt0 + 1 on, so
# that a second file continues the first's.
# Use: eval "plot " . curves(FILE, "*", "instr_per_op", "title columnhead(1)", 0)
curves(file, last, col, ttl, lt0) = sprintf("for [k=0:%s] '%s' index k using (column(\"conc\")):(column(\"%s\")) %s lt k + %d", last, file, col, ttl, lt0 + 1)
