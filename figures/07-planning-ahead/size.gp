# Held-out bits per character against the number of parameters for the three training rules (left), and the two
# gaps (myopic − vanilla and self-only − vanilla, right).
fig_width = 1200
call "figures/style.gp" ARG1 ARG2
set multiplot layout 1, 2 title "Model size: bits per character and the myopia gap"
set xlabel "parameters"
set logscale x
set format x "10^{%L}"
set autoscale xfix
set offsets graph 0.1, graph 0.1, graph 0.05, graph 0.05
set key bottom left
set ylabel "held-out bits per character"
plot data("size") using "parameters":"vanilla" with linespoints ls 1 title "vanilla", \
     ""           using "parameters":"myopic" with linespoints ls 2 title "myopic", \
     ""           using "parameters":"self-only" with linespoints ls 3 title "self-only"
set ylabel "gap to vanilla (bits per character)"
set yrange [0:*]
set key top left
plot data("size") using "parameters":"myopia gap" with linespoints ls 2 title "myopic − vanilla", \
     ""           using "parameters":"self-only gap" with linespoints ls 3 title "self-only − vanilla"
unset multiplot
