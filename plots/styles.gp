# The style of every configuration scbench draws, the same in every figure:
# one line per configuration, its key, colour, dash pattern and point type.
# style.gp loads this file; scripts that only need the map (the tests) load
# it alone. A data file names each curve's configuration on a line
# "# style KEY" above its block (harness/plotdata.c writes them); the key is
# target/backend[/sqmode/notify][/knobs, spaces as +].
#
# Chosen to survive grey-scale print (plots/tests/greyscale.sh checks every
# drawn figure): sync is always a solid dark line with circles; on refos the
# dash pattern says where the kernel serves the rings (enter dashed, worker
# dotted, poller dash-dot), the point shape says how completions come back
# (poll square, wait triangle, uintr diamond) and so does the grey level
# (poll dark, wait mid, uintr light: the colours are a dark, a mid and a
# light shade of one hue per sqmode). Host and Linux backends have dash
# patterns and marks of their own; epoll and uring look the same on both,
# since no figure shows the two targets' ones together.
# A scheduler knob keeps its configuration's colour and changes its dash
# and mark: fastpath=1 short dashes and an open mark, sched=shared dots and
# a cross (the shared scheduler's figure draws all three side by side).
styles = "\
refos/sync               #000000 solid          7 \
refos/async/enter/poll   #08519c (16,6)         5 \
refos/async/enter/wait   #3182bd (16,6)         9 \
refos/async/enter/uintr  #6baed6 (16,6)         13 \
refos/async/worker/poll  #8c2d04 (3,6)          4 \
refos/async/worker/wait  #e6550d (3,6)          8 \
refos/async/worker/uintr #fd8d3c (3,6)          12 \
refos/async/poller/poll  #54278f (18,5,4,5)     11 \
refos/async/poller/wait  #756bb1 (18,5,4,5)     10 \
refos/async/poller/uintr #9e9ac8 (18,5,4,5)     14 \
refos/sync/fastpath=1               #000000 (6,3) 6 \
refos/sync/sched=shared             #000000 (2,3) 1 \
refos/async/enter/wait/fastpath=1   #3182bd (6,3) 8 \
refos/async/enter/wait/sched=shared #3182bd (2,3) 2 \
linux/sync               #555555 solid          6 \
linux/epoll              #1b7837 (30,8)         15 \
linux/uring              #c51b7d (4,4,16,4)     3 \
host/sync                #000000 solid          7 \
host/epoll               #1b7837 (30,8)         15 \
host/uring               #c51b7d (4,4,16,4)     3 \
host/uring-sqpoll        #e69f00 (16,4,4,4,4,4) 2 \
"
style_fields = 4
nstyles = words(styles) / style_fields
style_key(i) = word(styles, style_fields * (i - 1) + 1)
style_colour(i) = word(styles, style_fields * (i - 1) + 2)
style_dash(i) = word(styles, style_fields * (i - 1) + 3)
style_point(i) = word(styles, style_fields * (i - 1) + 4)
# The line type of a configuration: its row in the map, 0 when it has none.
style_lt(key) = sum [i = 1:nstyles] (style_key(i) eq key ? i : 0)
do for [i = 1:nstyles] {
	eval sprintf("set linetype %d lc rgb \"%s\" dt %s pt %s lw 1.5", \
		i, style_colour(i), style_dash(i), style_point(i))
}
