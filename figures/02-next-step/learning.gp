# Learning curves: the MLP's training and validation loss (MSE on the standardised x, log scale) against the
# optimisation step, with the closed-form linear AR model's validation loss as a horizontal reference.
call "figures/style.gp" ARG1 ARG2
set title "Learning next-step prediction"
set xlabel "training step"
set ylabel "one-step MSE (standardised units)"
set logscale y
set format y "10^{%L}"
set key top right
plot data("learning") using "step":"train_loss" with lines ls 6 title "MLP, training batch", \
     ""               using "step":"val_loss" with linespoints ls 1 title "MLP, validation", \
     ""               using "step":"ar_val_loss" with lines ls 2 dt 2 title "linear AR (ridge), validation"
