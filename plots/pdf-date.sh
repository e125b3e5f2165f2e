#!/bin/sh
# cairo stamps each PDF with the time it was drawn, so two renders of the
# same data would differ by that stamp alone. This sets it to the date of
# SOURCE_DATE_EPOCH (the reproducible-builds convention: the time the data
# were measured, which make figures and scbench plot pass) or, without it,
# blanks it. The replacement has the stamp's length, so the cross-reference
# offsets of the file still hold.
# usage: plots/pdf-date.sh FILE.pdf   (style.gp's fig_done runs it)
f=$1
if [ -n "$SOURCE_DATE_EPOCH" ]; then
	d=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y%m%d%H%M%S) || exit 1
	stamp="/CreationDate (D:${d}Z)"
else
	stamp=$(printf '%33s' '')
fi
LC_ALL=C perl -pi -e 'BEGIN { $s = shift @ARGV } s{/CreationDate \(D:\d{14}Z\)}{$s}' "$stamp" "$f"
