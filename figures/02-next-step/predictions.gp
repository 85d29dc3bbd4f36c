# Predictions over time on held-out data. Top: one-step predictions (teacher forcing: the model always sees the
# true past). Bottom: a free-running rollout from the same start, where each prediction is fed back as input.
fig_height = 700
call "figures/style.gp" ARG1 ARG2
set multiplot layout 2,1 title "Teacher forcing vs free-running rollout (held-out data)"
set xlabel "time t"
set ylabel "x (standardised)"
set key top center horizontal
set yrange [-2.8:3.4]
set title "one step ahead"
plot data("predictions") using "t":"truth" with lines ls 7 lw 3 title "truth", \
     ""                  using "t":"ar_one_step" with lines ls 2 title "linear AR", \
     ""                  using "t":"mlp_one_step" with lines ls 1 title "MLP"
set title "rollout (predictions fed back)"
plot data("predictions") using "t":"truth" with lines ls 7 lw 3 title "truth", \
     ""                  using "t":"ar_rollout" with lines ls 2 title "linear AR", \
     ""                  using "t":"mlp_rollout" with lines ls 1 title "MLP"
unset multiplot
