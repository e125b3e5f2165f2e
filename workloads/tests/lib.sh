# lib.sh - helpers for the workload test scripts (sourced, not run), on top
# of the TAP helpers every suite shares.
. "$(dirname "${BASH_SOURCE[0]}")/../../ci/tap.sh"

# A number or a string from a one-line JSON object ("" when absent).
json_num() { sed -n "s/.*\"$1\":\([0-9][0-9]*\).*/\1/p" <<<"$2"; }
json_str() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2"; }

# run_wl CMD...: runs with a timeout; sets RC, RUN (the @run object, "" if
# none) and ERR (stderr).
run_wl() {
	local out errf
	errf=$(mktemp)
	out=$(timeout --kill-after=5 "${WL_TIMEOUT:-60}" "$@" 2>"$errf")
	RC=$?
	ERR=$(cat "$errf")
	rm -f "$errf"
	RUN=$(sed -n 's/^@run //p' <<<"$out" | tail -n 1)
}

# check_run NAME OPS BYTES: the last run_wl exited 0, verified, and counted
# exactly OPS operations and BYTES bytes. Exit status 3 (backend cannot run
# here) is a skip, with the program's own explanation.
check_run() {
	local name=$1 ops=$2 bytes=$3
	if [ "$RC" -eq 3 ]; then
		skip "$name" "${ERR:-backend unavailable}"
		return 1
	fi
	if [ "$RC" -ne 0 ] || [ "$(json_str verify "$RUN")" != ok ] ||
	   [ "$(json_num ops "$RUN")" != "$ops" ] ||
	   [ "$(json_num bytes "$RUN")" != "$bytes" ]; then
		not_ok "$name" "exit $RC, want ops=$ops bytes=$bytes" "$RUN" "$ERR"
		return 1
	fi
	return 0
}
