# Principle 1. Left: scalars a head must keep to produce its next output — a softmax head's cache grows with the
# position, linear attention's state does not. Right: exp truncated at degree P is linear on a lifted state of
# 1 + n + … + n^P coordinates; the recurrence on it approaches softmax only as the state explodes.
fig_width = 1200; fig_height = 500
call "figures/style.gp" ARG1 ARG2
set multiplot layout 1,2
set title "State kept after position i (one head)"
set xlabel "position i"
set ylabel "scalars kept"
set key top left
plot data("state") using 1:2 with lines ls 2 title columnhead(2), \
     ""            using 1:3 with lines ls 1 title columnhead(3)
set title "exp truncated at degree P, run as a recurrence"
set xlabel "lifted state scalars"
set ylabel "‖y_P − y_{softmax}‖ / ‖y_{softmax}‖"
set logscale xy
set format y "10^{%L}"
set key top right
plot data("lift") using "state_scalars":"error_vs_softmax" with linespoints ls 2 title "error vs softmax", \
     ""           using "state_scalars":"error_vs_softmax":(sprintf("P = %d", column("degree"))) with labels offset 0,1 notitle
unset multiplot
