# The trained models' coefficient matrices on the end of a held-out window. Left: the transformer's α (mean over
# heads), recomputed at every position from content and learned positions. Right: the LRU's ‖K_{i−j}‖ over all
# channel pairs: the same profile on every diagonal (Toeplitz), a fixed filter bank.
fig_width = 1200; fig_height = 600
call "figures/style.gp" ARG1 ARG2
set palette defined (0 "#F7F7F7", 0.5 "#E69F00", 1 "#B2182B")
stats data("trained-alpha") using "i" nooutput
lo = STATS_min; hi = STATS_max
# Colour scales first: `stats` obeys the axis ranges set below.
array top[2]
do for [k=3:4] {
    stats data("trained-alpha") using ((column("i") >= column("j")) ? column(k) : NaN) nooutput
    top[k-2] = STATS_max > 0 ? STATS_max : 1
}
set multiplot layout 1,2 title "Trained coefficient matrices on a held-out window"
set xrange [lo-0.5:hi+0.5]
set yrange [hi+0.5:lo-0.5]   # i downwards, as in a matrix
set size ratio -1
set xlabel "key j"; set ylabel "query i"
unset grid
set key top right opaque box
do for [k=3:4] {
    set cbrange [0:top[k-2]]
    plot data("trained-alpha") using "j":"i":k with image title columnhead(k)
}
unset multiplot
