# A trap penalty taken from one published measurement, as an example of how
# large the cost QEMU leaves out can be. getuid() in a loop took about
# 0.11 us per call on a Linux x86 laptop in 2009. Under -icount shift=0 one
# instruction is 1 ns of virtual time, so 0.11 us is 110 instruction-
# equivalents. It is an upper bound for the mode switches alone (it also
# holds getuid's own kernel work) and predates the Meltdown/Spectre
# mitigations, which made system calls dearer. Address-space switches and
# IPIs were not measured there: 0 here.
source = https://stackoverflow.com/questions/1860253 (answer measuring getuid, 100M calls in 11 s, 2009)
p_trap = 110
p_as = 0
p_ipi = 0
