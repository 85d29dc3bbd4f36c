# Choosing the embedding dimension d: the fraction of false nearest neighbours drops to ~0, and Cao's E1
# saturates near 1, once d is large enough to unfold the attractor. E2 ≠ 1 says the signal is deterministic.
# Noise keeps a few neighbours "false" at every d, so the observed curve falls more slowly than the clean one;
# the dashed line is the 5% rule the chapter uses. Forward delays (the dotted curve) flag fewer false neighbours
# than our backward ones: Lorenz's strongly contracting direction expands backwards in time.
call "figures/style.gp" ARG1 ARG2
set title "Choosing the dimension d"
set xlabel "embedding dimension d"
set ylabel "false nearest neighbours (%)"
set y2label "Cao's E1, E2"
set y2tics nomirror
set y2range [0:1.4]
set key below maxrows 2 width -3 samplen 2
set bmargin 7
set xtics 1
set arrow from graph 0, first 5 to graph 1, first 5 nohead ls 8
plot data("dimension") using "d":"fnn_percent" with linespoints ls 1 title "FNN % (observed, noisy)", \
     ""                using "d":"fnn_clean_percent" with linespoints ls 6 dt 2 title "FNN % (clean x)", \
     ""                using "d":"fnn_forward_percent" with linespoints ls 4 dt 3 title "FNN % (observed, forward delays)", \
     ""                using "d":"e1" axes x1y2 with linespoints ls 2 title "E1", \
     ""                using "d":"e2" axes x1y2 with linespoints ls 3 title "E2"
