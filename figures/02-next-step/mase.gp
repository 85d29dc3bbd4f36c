# Mean absolute scaled error against the forecast horizon. MASE = 1 is the naive "repeat the last value"
# forecast at the same horizon; below 1 is better than naive.
call "figures/style.gp" ARG1 ARG2
set title "Multi-step forecasts: error relative to repeating the last value"
set xlabel "horizon h (steps of dt = 0.01)"
set ylabel "MASE (naive forecast = 1)"
set logscale x
set key top left
plot data("mase") using "horizon":"ar" with linespoints ls 2 title "linear AR rollout", \
     ""           using "horizon":"mlp" with linespoints ls 1 title "MLP rollout", \
     ""           using "horizon":"simplex" with linespoints ls 3 title "simplex projection (chapter 1)", \
     1 with lines ls 8 title "naive"
