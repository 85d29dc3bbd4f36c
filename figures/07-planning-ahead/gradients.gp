# The split of the vanilla gradient during training: g_m (each loss through its own position) and g_f = g − g_m
# (later losses through earlier positions), on the synthetic task (block 0 of gradients.tsv) and on text
# (block 1), each over 4 batches per seed and every seed: mean, the band the range. Left: norms, whole model and
# (D_p) layer 1's MLP; right: the cosine between g_m and g_f.
# Columns: 1 progress, then (mean, min, max) of ‖g_m‖ 2–4, ‖g_f‖ 5–7, cos 8–10, MLP 1 ‖g_m‖ 11–13, MLP 1 ‖g_f‖ 14–16.
fig_width = 1200
call "figures/style.gp" ARG1 ARG2
set multiplot layout 1, 2 title "The myopic and the future part of the gradient during vanilla training"
set xlabel "fraction of training"
set ylabel "gradient norm"
set logscale y
set format y "10^{%L}"
set key bottom left font ",10"
set style fill transparent solid 0.15 noborder
plot data("gradients") index 0 using 1:3:4 with filledcurves ls 1 notitle, \
     ""                index 0 using 1:6:7 with filledcurves ls 2 notitle, \
     ""                index 1 using 1:3:4 with filledcurves ls 3 notitle, \
     ""                index 1 using 1:6:7 with filledcurves ls 4 notitle, \
     ""                index 0 using 1:2 with linespoints ls 1 title "D_p ‖g_m‖", \
     ""                index 0 using 1:5 with linespoints ls 2 title "D_p ‖g_f‖", \
     ""                index 0 using 1:11 with lines ls 1 dt 2 title "D_p MLP 1 ‖g_m‖", \
     ""                index 0 using 1:14 with lines ls 2 dt 2 title "D_p MLP 1 ‖g_f‖", \
     ""                index 1 using 1:2 with linespoints ls 3 title "text ‖g_m‖", \
     ""                index 1 using 1:5 with linespoints ls 4 title "text ‖g_f‖"
unset logscale y
set format y "%g"
set ylabel "cos(g_m, g_f)"
set yrange [-1:1]
set key top right
plot 0 with lines ls 8 notitle, \
     data("gradients") index 0 using 1:9:10 with filledcurves ls 1 notitle, \
     ""                index 1 using 1:9:10 with filledcurves ls 3 notitle, \
     ""                index 0 using 1:8 with linespoints ls 1 title "D_p", \
     ""                index 1 using 1:8 with linespoints ls 3 title "text"
unset multiplot
