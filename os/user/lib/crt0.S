/* Program entry: the kernel passes argc in a0 and argv in a1. */
	.section .text.start
	.globl _start
_start:
	call main
	call exit

/* New threads start here with a0 = function, a1 = argument. */
	.text
	.globl __thread_start
__thread_start:
	mv t0, a0
	mv a0, a1
	jalr t0
	call thread_exit
