#!/bin/sh
# A panicking or hanging kernel must turn into a failed test, quickly, with
# the console's tail: the test runner is checked against crash= knobs.
. "$(dirname "$0")/../../ci/tap.sh"
t0=$(date +%s)
out=$(sh os/tests/run-ktest.sh 1 "pipe_eof" "hz=100 crash=panic")
if echo "$out" | grep -q '^not ok - .*did not finish' && echo "$out" | grep -q '@panic'; then
	ok "a kernel panic becomes a failed test with the panic line"
else
	not_ok "a kernel panic becomes a failed test with the panic line" "$out"
fi
out=$(KTEST_TIMEOUT=5 sh os/tests/run-ktest.sh 1 "pipe_eof" "hz=100 crash=hang")
t1=$(date +%s)
if echo "$out" | grep -q '^not ok - .*status 124' && echo "$out" | grep -q '@timeout'; then
	ok "a hung kernel becomes a failed test through the timeout"
else
	not_ok "a hung kernel becomes a failed test through the timeout" "$out"
fi
if [ $((t1 - t0)) -le 30 ]; then
	ok "both failures were reported within 30 s"
else
	not_ok "both failures were reported within 30 s" "took $((t1 - t0)) s"
fi
out=$(sh os/tests/boot.sh 30 1 "hz=100 -- echo --conc 0")
if [ $? -eq 2 ] && echo "$out" | grep -q '^@exit 2'; then
	ok "QEMU's exit status is init's exit status"
else
	not_ok "QEMU's exit status is init's exit status"
fi
# An init program that does not exist is a wrong command line, not a kernel
# bug: the boot ends with @exit and the status the uapi header names.
no_init=$(sed -n 's/^#define RF_STATUS_NO_INIT \([0-9]*\).*/\1/p' os/include/uapi/refos.h)
out=$(sh os/tests/boot.sh 30 1 "hz=100 -- no-such-program")
rc=$?
if [ -n "$no_init" ] && [ "$rc" -eq "$no_init" ] && echo "$out" | grep -q "^@exit $no_init\$" &&
	! echo "$out" | grep -q '^@panic'; then
	ok "an unknown init program ends the boot with @exit $no_init, not a panic"
else
	not_ok "an unknown init program ends the boot with @exit $no_init, not a panic" "status $rc" \
		"$(echo "$out" | tail -n 3)"
fi
# OpenSBI 1.1 can send a starting hart to the boot entry instead of the
# address it was started at (entry.S). hart_entry=boot starts the second
# hart there on purpose; it must join as a secondary and serve the rings.
out=$(sh os/tests/boot.sh 60 2 "hz=100 sqmode=poller hart_entry=boot -- echo --backend async --conc 16 --ops 2000")
rc=$?
if [ "$rc" -eq 0 ] && echo "$out" | grep -q '^@run .*"verify":"ok"' && ! echo "$out" | grep -q '^@panic'; then
	ok "a hart the firmware starts at the boot entry joins as a secondary (poller served)"
else
	not_ok "a hart the firmware starts at the boot entry joins as a secondary (poller served)" \
		"status $rc" "$(echo "$out" | grep -E '^@panic|^@timeout|^@exit' | head -n 3)"
fi
finish
