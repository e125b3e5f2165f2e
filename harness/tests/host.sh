#!/bin/bash
# The host target on the real host workload binary: a tiny sweep over every
# host backend and its figures. Skipped, with the reason, without the binary.
# usage: host.sh SCBENCH WL_HOST
. "$(dirname "$0")/../../ci/tap.sh"
S="$1" W="$2"
need_exec "scbench binary" "$S"
if [ ! -x "$W" ]; then
	skip "host sweep on wl-host" "no host workload binary at $W (make builds it)"
	skip "host figures" "no host workload binary at $W"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$S" sweep --target host --host-bin "$W" --workload echo,pingpong --conc 1,2 --ops 400 \
	-o "$tmp/host" 2>"$tmp/err"
bad=$(paste -d' ' <(csv_col "$tmp/host/runs.csv" backend) <(csv_col "$tmp/host/runs.csv" status) \
	<(csv_col "$tmp/host/runs.csv" reason) | grep -v ' ok $' | sort -u | tr '\n' ';')
rows=$(csv_rows "$tmp/host/runs.csv")
# io_uring may be unavailable here (a sandbox, an old kernel): those rows
# fail with wl-host's reason; the sync and epoll ones must pass.
hard=$(grep -v '^uring' <<<"${bad//;/$'\n'}" | grep -v '^$')
if [ "$rows" -eq 16 ] && [ -z "$hard" ]; then
	ok "host sweep on wl-host${bad:+ (uring rows failed here: $bad)}"
else
	not_ok "host sweep on wl-host" "rows $rows, failed: $bad" "$(tail -3 "$tmp/err")"
fi
"$S" plot "$tmp/host" -o "$tmp/figs" 2>/dev/null
# Throughput and context switches always; system calls only when the
# tracer counted them (it needs privileges); each as SVG, PNG and PDF.
want=12
[ -n "$(csv_col "$tmp/host/runs.csv" syscalls_per_op | tr -d "\n")" ] && want=18
n=$(find "$tmp/figs" -maxdepth 1 -name "host-*" -size +1k | wc -l)
check "host figures ($n files)" test "$n" -eq $want
finish
