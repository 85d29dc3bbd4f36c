# Mean absolute scaled error against the forecast horizon. MASE = 1 is the naive "repeat the last value"
# forecast at the same horizon; below 1 is better than naive. Climatology (always the training mean) is the
# floor a forecast that knows nothing reaches at long horizons; simplex forecasts each h directly.
call "figures/style.gp" ARG1 ARG2
set title "Multi-step forecasts: error relative to repeating the last value"
set xlabel "horizon h (steps of dt = 0.01)"
set ylabel "MASE (naive forecast = 1, log scale)"
set logscale xy
set xrange [1:200]
set yrange [0.02:40]
set key top right
plot data("mase") using "horizon":"ar" with linespoints ls 2 title "linear AR rollout", \
     ""           using "horizon":"mlp" with linespoints ls 1 title "MLP rollout", \
     ""           using "horizon":"simplex" with linespoints ls 3 title "simplex projection (chapter 1, direct)", \
     ""           using "horizon":"climatology" with lines ls 7 dt 2 title "climatology (the training mean)", \
     1 with lines ls 8 title "naive"
