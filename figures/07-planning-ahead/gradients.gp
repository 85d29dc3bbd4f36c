# The split of the vanilla gradient during training: g_m (each loss through its own position) and g_f = g − g_m
# (later losses through earlier positions), on the synthetic task (block 0 of gradients.tsv) and on text
# (block 1). Left: norms, whole model and layer 1's MLP; right: the cosine between g_m and g_f.
# Columns: 1 progress, 2 ‖g‖, 3 ‖g_m‖, 4 ‖g_f‖, 5 cos, 6 MLP 1 ‖g_m‖, 7 MLP 1 ‖g_f‖.
fig_width = 1200
call "figures/style.gp" ARG1 ARG2
set multiplot layout 1, 2 title "The myopic and the future part of the gradient during vanilla training"
set xlabel "fraction of training"
set ylabel "gradient norm"
set logscale y
set format y "10^{%L}"
set key bottom left font ",10"
plot data("gradients") index 0 using 1:3 with linespoints ls 1 title "D_p ‖g_m‖", \
     ""                index 0 using 1:4 with linespoints ls 2 title "D_p ‖g_f‖", \
     ""                index 0 using 1:6 with lines ls 1 dt 2 title "D_p MLP 1 ‖g_m‖", \
     ""                index 0 using 1:7 with lines ls 2 dt 2 title "D_p MLP 1 ‖g_f‖", \
     ""                index 1 using 1:3 with linespoints ls 3 title "text ‖g_m‖", \
     ""                index 1 using 1:4 with linespoints ls 4 title "text ‖g_f‖"
unset logscale y
set format y "%g"
set ylabel "cos(g_m, g_f)"
set yrange [-1:1]
set key top right
plot 0 with lines ls 8 notitle, \
     data("gradients") index 0 using 1:5 with linespoints ls 1 title "D_p", \
     ""                index 1 using 1:5 with linespoints ls 3 title "text"
unset multiplot
