#!/bin/sh
# Checks that every option a config fragment sets is what the resulting
# .config holds: kconfig silently drops an option whose dependencies are not
# met, and a kernel missing one fails far from the cause.
# Usage: check-config.sh FRAGMENT DOTCONFIG
set -eu
frag=$1 conf=$2
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=n) opt=${line%%=*}; want="# $opt is not set" ;;
	CONFIG_*=*) opt=${line%%=*}; want=$line ;;
	*) continue ;;
	esac
	if [ "$want" = "# $opt is not set" ]; then
		grep -q "^$opt=" "$conf" || continue
	else
		grep -qxF "$want" "$conf" && continue
	fi
	echo "check-config: $frag asks for $line, $conf has: $(grep "^$opt=\|^# $opt is not set" "$conf" || echo nothing)" >&2
	bad=1
done < "$frag"
exit $bad
