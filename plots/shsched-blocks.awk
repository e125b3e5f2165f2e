# The rows of workloads/tools/shsched-table.sh's table for one set
# (pingpong or mixed), in the layout of scbench plot's data files: a block
# per backend and scheduler, its "# style" key in plots/styles.gp, a header
# of its label, x (conc, or hz for mixed) and the table's per-op columns,
# each with an empty interval (every point is one exact run).
# usage: awk -F, -f shsched-blocks.awk -v set=pingpong|mixed -v x=conc|hz TABLE.csv
# The scheduler's knobs, as the table's knobs() boots them: classic is the
# default, so its key has none.
function knob(s) { return s == "classic" ? "" : s == "classic+fastpath" ? "/fastpath=1" : "/sched=" s }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
$c["set"] == set {
	k = $c["backend"] SUBSEP $c["sched"]
	if (!(k in rows)) order[++n] = k
	rows[k] = rows[k] sprintf("%s,%s,%s,,,%s,,,%s,,\n", "@", $c[x], $c["instr_per_op"], $c["as_per_op"], $c["timeout_rate"])
}
END {
	cols = "instr_per_op as_per_op timeout_rate"
	# async first, then sync, each in the table's order of schedulers
	m = 0
	for (j = 1; j <= n; j++) if (order[j] ~ /^async/) o2[++m] = order[j]
	for (j = 1; j <= n; j++) if (order[j] !~ /^async/) o2[++m] = order[j]
	for (j = 1; j <= n; j++) {
		split(o2[j], p, SUBSEP)
		be = p[1]; s = p[2]
		# no comma: the label is a CSV field
		lab = be == "async" ? "async: " s : "sync (a process a task): " s
		key = be == "async" ? "refos/async/enter/wait" knob(s) : "refos/sync" knob(s)
		printf "%s# style %s\n%s,%s", (j > 1 ? "\n\n" : ""), key, lab, x
		nc = split(cols, cs, " ")
		for (i = 1; i <= nc; i++) printf ",%s,%s_lo,%s_hi", cs[i], cs[i], cs[i]
		printf "\n"
		r = rows[o2[j]]; gsub(/@/, lab, r); printf "%s", r
	}
}
