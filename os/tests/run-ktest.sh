#!/bin/sh
# run-ktest.sh HARTS [PATTERN] [KNOBS]: the kernel test program under QEMU.
# Passes ktest's TAP lines through, named for the hart count (ICOUNT= empty:
# no -icount, the harts run in parallel). A panic, a hang
# or a missing result becomes a failure carrying the console's last lines.
. "$(dirname "$0")/../../ci/tap.sh"
harts=${1:-1} pattern=${2:-*} knobs=${3:-hz=100}
mode=$(echo "$knobs" | sed -n "s/.*sqmode=\([a-z]*\).*/ \1/p")
fast=$(echo "$knobs" | sed -n "s/.*fastpath=1.*/ fastpath/p")
sched=$(echo "$knobs" | sed -n "s/.*sched=shared.*/ shared/p")
icount=$([ -z "${ICOUNT-x}" ] && echo " noicount")
tag="smp$harts$mode$fast$sched$icount"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
sh os/tests/boot.sh "${KTEST_TIMEOUT:-120}" "$harts" "$knobs -- ktest --only $pattern" >"$out"
rc=$?
sed -n -e "s/^\(not \)\{0,1\}ok - /&$tag: /p" -e "/^# .*:[0-9]*: /p" "$out"
planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$out")
reported=$(grep -cE '^(not )?ok - ' "$out")
if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$out" || [ -z "$planned" ] || [ "$reported" -ne "$planned" ]; then
	not_ok "$tag: ktest did not finish (status $rc, $reported of ${planned:-?} reported)" \
		"$(tail -n 15 "$out")"
fi
grep '^refos: killed\|^@panic' "$out" | sed 's/^/# /'
exit 0
