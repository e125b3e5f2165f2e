#!/bin/sh
# Generates one artefact from os/syscalls.tbl:
#   gensyscalls.sh nr   TABLE > syscall_nr.h     (numbers, for kernel and user)
#   gensyscalls.sh table TABLE > syscall_table.c (kernel dispatch table)
#   gensyscalls.sh stubs TABLE > usys.S          (user stubs: li a7, N; ecall)
#   gensyscalls.sh protos TABLE > usys.h         (user prototypes)
#   gensyscalls.sh fast TABLE > syscall_fast.h   (the kernel's fast-path set)
set -eu
what=$1 tbl=$2
rows() { grep -v '^[[:space:]]*#' "$tbl" | grep -v '^[[:space:]]*$'; }
case $what in
nr)
	echo "/* generated from os/syscalls.tbl by gensyscalls.sh: do not edit */"
	echo "#pragma once"
	rows | awk '{ printf "#define SYS_%s %d\n", $2, $1; if ($1 > max) max = $1 }
		END { printf "#define SYS_MAX %d\n", max }'
	;;
table)
	echo "/* generated from os/syscalls.tbl by gensyscalls.sh: do not edit */"
	echo "#include \"syscall.h\""
	rows | awk '{ printf "long sys_%s(struct trapframe *);\n", $2 }'
	echo "const syscall_fn syscall_table[SYS_MAX + 1] = {"
	rows | awk '{ printf "\t[SYS_%s] = sys_%s,\n", $2, $2 }'
	echo "};"
	echo "const char *const syscall_names[SYS_MAX + 1] = {"
	rows | awk '{ printf "\t[SYS_%s] = \"%s\",\n", $2, $2 }'
	echo "};"
	;;
stubs)
	echo "/* generated from os/syscalls.tbl by gensyscalls.sh: do not edit */"
	echo "#include \"uapi/syscall_nr.h\""
	rows | awk '{ match($0, /[A-Za-z_0-9]+\(/); stub = substr($0, RSTART, RLENGTH - 1)
		printf ".globl %s\n%s:\n\tli a7, SYS_%s\n\tecall\n\tret\n", stub, stub, $2 }'
	;;
fast)
	echo "/* generated from os/syscalls.tbl by gensyscalls.sh: do not edit */"
	echo "#pragma once"
	echo "/* bit n set: call n may take the fast path (trapvec.S tests a7 < 64 first) */"
	# the fast entry saves a0-a2 only: a fast call takes 3 arguments at most
	rows | awk '$3 == "fast" { if ($1 > 63) { print "gensyscalls.sh: fast call " $2 " numbered above 63" > "/dev/stderr"; exit 1 }
			args = $0; sub(/^[^(]*\(/, "", args); sub(/\).*$/, "", args)
			if (args != "void" && gsub(/,/, ",", args) > 2) { print "gensyscalls.sh: fast call " $2 " takes more than 3 arguments" > "/dev/stderr"; exit 1 }
			mask += 2 ^ $1 }
		$3 != "fast" && $3 != "-" { print "gensyscalls.sh: " $2 ": flags must be fast or -" > "/dev/stderr"; exit 1 }
		END { printf "#define SYS_FAST_MASK 0x%x\n", mask }'
	;;
protos)
	echo "/* generated from os/syscalls.tbl by gensyscalls.sh: do not edit */"
	echo "#pragma once"
	echo "struct rf_stats; struct rf_ring_params;"
	rows | awk '{ $1 = ""; $2 = ""; $3 = ""; sub(/^[ \t]+/, ""); print $0 ";" }'
	;;
*) echo "gensyscalls.sh: unknown artefact '$what'" >&2; exit 2 ;;
esac
