# Sourced by the boot suites after ci/tap.sh.
# boot_run HARTS BOOTARGS: the @run line of one boot (os/tests/boot.sh).
boot_run() { sh os/tests/boot.sh 60 "$1" "$2" | grep '^@run'; }

# same_run NAME A B: ok when both @run lines are there, are equal and say
# every byte verified; otherwise not ok with both lines.
same_run() {
	if [ -z "$2" ] || [ -z "$3" ]; then
		not_ok "$1" "no @run line" "$2" "$3"
	elif [ "$2" != "$3" ]; then
		not_ok "$1" "the two runs differ" "$2" "$3"
	elif ! echo "$2" | grep -q '"verify":"ok"'; then
		not_ok "$1" "verify failed: $2"
	else
		ok "$1"
	fi
}
