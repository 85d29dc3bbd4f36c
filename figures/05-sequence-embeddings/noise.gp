# Noise sensitivity (paper 000's claim 4): final one-step MASE against the observation noise σ (raw units of x),
# at one width, mean over seeds with the range as error bars; one curve per model of the noise sweep.
call "figures/style.gp" ARG1 ARG2
set title "Observation noise: forecast error against σ (d = 25)"
set xlabel "noise standard deviation σ (units of x; std(x) ≈ 7.9)"
set ylabel "one-step MASE after training (1 = persistence)"
# The key sits between the two families, where no point or error bar is.
set key at graph 0.97, graph 0.68 right
set xrange [-0.005:*]
stats data("noise") using 1 nooutput
models = (STATS_columns - 1) / 3
plot for [k=0:models-1] data("noise") using 1:(column(2+3*k)):(column(3+3*k)):(column(4+3*k)) \
     with yerrorlines ls (k+1) title columnhead(2+3*k)
