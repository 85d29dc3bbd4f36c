# Does the trained network know the hidden state? Linear (ridge) decoding R² of the unobserved y and z from the
# MLP's hidden layer during training, against decoding from the raw delay vector it reads (dashed).
call "figures/style.gp" ARG1 ARG2
set title "What the hidden layer knows about y and z"
set xlabel "training step"
set ylabel "held-out R² (linear decoder)"
set yrange [*:1.02]
set key bottom right
plot data("decoding") using "step":"r2_z_hidden" with linespoints ls 1 title "z from hidden layer", \
     ""               using "step":"r2_y_hidden" with linespoints ls 3 title "y from hidden layer", \
     ""               using "step":"r2_z_delay" with lines ls 1 dt 2 title "z from delay vector", \
     ""               using "step":"r2_y_delay" with lines ls 3 dt 2 title "y from delay vector"
