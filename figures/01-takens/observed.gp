# What we actually get: one coordinate, x(t), with additive observation noise on top of the clean signal.
call "figures/style.gp" ARG1 ARG2
set title "The observation: x(t) only, with noise"
set xlabel "time t"; set ylabel "x"
set key top right
plot data("observed") using "t":"x_noisy" with lines ls 8 lw 1 title "observed x (noisy)", \
     ""               using "t":"x" with lines ls 1 title "clean x"
