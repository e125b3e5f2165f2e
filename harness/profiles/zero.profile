# No penalty: modelled cycles are the instructions QEMU counts, which charge
# a trap only its handler's instructions. The default when no profile or
# penalty flag is given; useful to state explicitly in a sweep file.
source = none: the model adds nothing to the counted instructions
p_trap = 0
p_as = 0
p_ipi = 0
