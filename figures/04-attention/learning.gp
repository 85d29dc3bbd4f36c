# Held-out one-step loss of the one-layer transformer during training, one curve per positional encoding
# (columns of loss.tsv after the step), against two baselines: persistence (x̂(t+1) = x(t)) and the noise floor
# (the observation noise's variance, below which no forecast of the noisy series can go).
call "figures/style.gp" ARG1 ARG2
set title "Training the one-layer transformer on next-step prediction"
set xlabel "training step"
set ylabel "held-out one-step MSE (standardised)"
set logscale y
set format y "10^{%L}"
set key top right
stats data("loss") using 1 nooutput
columns = STATS_columns
set yrange [5e-5:2]   # the noise floor (10^-4) must not sit on the axis
plot for [c=2:columns-2] data("loss") using 1:c with linespoints ls (c-1) title columnhead(c), \
     data("loss") using 1:"persistence" with lines ls 8 dt 2 lw 2 title "persistence", \
     data("loss") using 1:"noise floor" with lines ls 7 dt 3 lw 2 title "noise floor (η²)"
