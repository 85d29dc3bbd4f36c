# Held-out one-step loss of the one-layer transformer during training, one curve per positional encoding
# (columns of loss.tsv after the step).
call "figures/style.gp" ARG1 ARG2
set title "Training the one-layer transformer on next-step prediction"
set xlabel "training step"
set ylabel "held-out one-step MSE (standardised)"
set logscale y
set format y "10^{%L}"
set key top right
stats data("loss") using 1 nooutput
columns = STATS_columns
plot for [c=2:columns] data("loss") using 1:c with linespoints ls (c-1) title columnhead(c)
