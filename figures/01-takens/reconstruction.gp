# Reconstructing the unobserved coordinates from delay vectors of x (nearest-neighbour cross-mapping),
# R² of z against the dimension d, one curve per noise level. Noise lowers the ceiling.
fig_width = 1100
call "figures/style.gp" ARG1 ARG2
set multiplot layout 1,2 title "Recovering the unseen z (left) and y (right) from delays of x (cross mapping)"
set xlabel "embedding dimension d"; set ylabel "held-out R²"
set yrange [*:1.02]
set xtics 1
set key bottom right title "noise / std(x)"
stats data("reconstruction") using 1 nooutput
blocks = STATS_blocks
array level[blocks]
do for [i=1:blocks] { stats data("reconstruction") index (i-1) using "noise" nooutput; level[i] = STATS_min }
set title "z"
plot for [i=0:blocks-1] data("reconstruction") index i using "d":"r2_z" with linespoints ls (i+1) title sprintf("%g", level[i+1])
set title "y"
unset key
plot for [i=0:blocks-1] data("reconstruction") index i using "d":"r2_y" with linespoints ls (i+1) notitle
unset multiplot
