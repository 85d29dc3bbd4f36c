# Decoding the unobserved z (and y) from the states of an UNTRAINED LRU fed with clean x, against the number
# of states N. Solid: nearest-neighbour cross mapping (nonlinear); dashed: a linear probe.
# The grey line is chapter 1's explicit delay embedding (d = 3, cross mapping).
call "figures/style.gp" ARG1 ARG2
set title "An untrained LRU's state as a delay embedding: held-out R² against state size"
set xlabel "number of complex states N"
set ylabel "held-out R²"
set logscale x 2
set yrange [*:1.02]
set key bottom right
plot data("size") using "N":"r2_z_knn" with linespoints ls 1 title "z, cross mapping", \
     ""           using "N":"r2_y_knn" with linespoints ls 3 title "y, cross mapping", \
     ""           using "N":"r2_z_linear" with linespoints ls 1 dt 2 title "z, linear probe", \
     ""           using "N":"r2_y_linear" with linespoints ls 3 dt 2 title "y, linear probe", \
     ""           using "N":"delay_r2_z" with lines ls 8 title "z from delays (chapter 1)"
