# Training the LRU model on next-step prediction (chapter 2's task, on whole sequences): held-out loss
# (left axis) and how well its state decodes z (right axis) from initialisation to the end of training.
call "figures/style.gp" ARG1 ARG2
set title "Training the LRU model: loss and what its state knows"
set xlabel "training step"
set ylabel "held-out one-step MSE (standardised)"
set logscale y
set y2label "held-out R² of z from the state"
set y2range [*:1.02]
set y2tics nomirror
set key center right
plot data("training") using "step":"val_loss" with linespoints ls 7 title "validation loss", \
     ""               using "step":"r2_z_knn" axes x1y2 with linespoints ls 1 title "z, cross mapping", \
     ""               using "step":"r2_z_linear" axes x1y2 with linespoints ls 2 title "z, linear probe"
