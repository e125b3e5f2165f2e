# Fits an axis to the data: the range from the smallest to the largest value
# of a column (and of its confidence interval) over every data file, a
# little padding, and tick labels that fit the range (style.gp's axis_tics).
# A log axis covers the data, not the whole decades around them.
# usage (after style.gp): call dir . "axis.gp" AXIS KIND COLUMN "FILE ..."
#   AXIS y or y2; COLUMN one or more, space-separated; KIND linear (from the data), linear0 (from 0), log2 or log10
axis_name = ARG1
axis_kind = ARG2
axis_col = ARG3
# Each column with its interval's ends.
axis_cols = ""
do for [axis_cc in axis_col] { axis_cols = axis_cols . " " . axis_cc . " " . axis_cc . "_lo " . axis_cc . "_hi" }
axis_log = axis_kind eq "log2" || axis_kind eq "log10"
axis_pos(v) = (v == v && (!axis_log || v > 0)) ? v : NaN
axis_lo = NaN
axis_hi = NaN
# stats reads only what the axis's current range admits: an earlier panel's.
eval sprintf("unset logscale %s; set autoscale %s", axis_name, axis_name)
do for [axis_f in ARG4] {
	do for [axis_c in axis_cols] {
		stats axis_f using (axis_pos(column(axis_c))) nooutput
		if (exists("STATS_records") && STATS_records > 0) {
			axis_lo = (axis_lo == axis_lo && axis_lo < STATS_min) ? axis_lo : STATS_min
			axis_hi = (axis_hi == axis_hi && axis_hi > STATS_max) ? axis_hi : STATS_max
		}
	}
}
if (axis_lo != axis_lo) {
	print "axis.gp: no value of " . axis_col . " in " . ARG4
	exit status 1
}
if (axis_kind eq "linear0" && axis_lo > 0) { axis_lo = 0 }
if (axis_log) {
	# A flat curve still gets an axis a factor of two wide.
	if (axis_hi / axis_lo < 2) { axis_m = sqrt(axis_hi * axis_lo); axis_lo = axis_m / sqrt(2); axis_hi = axis_m * sqrt(2) }
	axis_pad = (axis_hi / axis_lo) ** 0.04
	eval sprintf("set logscale %s %s", axis_name, axis_kind eq "log2" ? "2" : "10")
	eval sprintf("set %srange [%.12g:%.12g]", axis_name, axis_lo / axis_pad, axis_hi * axis_pad)
} else {
	if (axis_hi == axis_lo) { axis_hi = axis_lo + (axis_lo == 0 ? 1 : abs(axis_lo) * 0.1) }
	axis_pad = (axis_hi - axis_lo) * 0.05
	eval sprintf("unset logscale %s", axis_name)
	eval sprintf("set %srange [%.12g:%.12g]", axis_name, \
		(axis_kind eq "linear0" ? 0 : axis_lo - axis_pad), axis_hi + axis_pad)
	axis_lo = axis_kind eq "linear0" ? 0 : axis_lo - axis_pad
	axis_hi = axis_hi + axis_pad
}
eval sprintf("set m%stics default", axis_name)
eval sprintf("set %stics (%s)", axis_name, axis_tics(axis_log ? axis_kind : "linear", \
	axis_log ? axis_lo / axis_pad : axis_lo, axis_log ? axis_hi * axis_pad : axis_hi))
# The range as drawn, for what measures on it (style.gp's curves()).
axis_islog = axis_log
axis_min = axis_log ? axis_lo / axis_pad : axis_lo
axis_max = axis_log ? axis_hi * axis_pad : axis_hi
