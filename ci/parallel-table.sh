#!/bin/bash
# The table of docs/results.md, "Two harts in parallel", from a result set's
# summary.csv (ci/figures-parallel.sweep): per configuration and
# concurrency, the workload's hart's and the other hart's instructions per
# op, the other hart's share in the firmware, and ops per second of the
# guest's clock, each the median over the repetitions with its interval
# [ci_lo-ci_hi] (stats.h). With DATA, also the figures for
# plots/fig_parallel.gp, in the layout of scbench plot's data files: a block
# per configuration (its "# style" key in plots/styles.gp, a header of its
# label, conc and each measure with its interval), a row per concurrency.
# usage: ci/parallel-table.sh SET [DATA]
set -eu
S=$1/summary.csv
[ -r "$S" ] || { echo "parallel-table.sh: no $S" >&2; exit 1; }
python3 - "$S" "${2:-}" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def f(r, c):
    v = r.get(c, "")
    return float(v) if v not in ("", "nan") else float("nan")
def label(r):
    return "sync" if r["backend"] == "sync" else f'{r["sqmode"]}/{r["notify"]}'
order = {"sync": 0, "poller/poll": 1, "poller/wait": 2}
rows.sort(key=lambda r: (order.get(label(r), 9), int(r["conc"])))
def cell(r, c, fmt="%.0f"):
    return f'{fmt % f(r, c + "_median")} [{fmt % f(r, c + "_ci_lo")}-{fmt % f(r, c + "_ci_hi")}]'
print("| configuration | conc | runs ok | workload's hart instr/op | other hart instr/op | other hart in M-mode | ops per guest second |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for r in rows:
    m = f(r, "emu_instr_rest_m_per_op_median") / f(r, "emu_instr_rest_per_op_median")
    print(f'| {label(r)} | {r["conc"]} | {r["runs_ok"]}/{r["runs"]} | {cell(r, "emu_instr_hart_per_op")} | '
          f'{cell(r, "emu_instr_rest_per_op")} | {100 * m:.0f}% | {cell(r, "ops_per_vsec")} |')
if sys.argv[2]:
    # The key as harness/plotdata.c's style_key() writes it.
    def style(r):
        k = [r["target"], r["backend"]] + ([r["sqmode"], r["notify"]] if r["sqmode"] or r["notify"] else [])
        return "/".join(k + ([r["knobs"].replace(" ", "+")] if r["knobs"] else []))
    with open(sys.argv[2], "w") as out:
        labels = list(dict.fromkeys(label(r) for r in rows))
        for b, lab in enumerate(labels):
            rs = [r for r in rows if label(r) == lab]
            out.write(("\n\n" if b else "") + f"# style {style(rs[0])}\n")
            w = csv.writer(out, lineterminator="\n")
            w.writerow([lab, "conc"] + [m + s for m in ("hart", "rest", "ops") for s in ("", "_lo", "_hi")])
            for r in rs:
                w.writerow([lab, r["conc"]] + [f(r, c + s) for c in
                           ("emu_instr_hart_per_op", "emu_instr_rest_per_op", "ops_per_vsec")
                           for s in ("_median", "_ci_lo", "_ci_hi")])
PY
