# Noise sensitivity (paper 000's claim 4): final one-step MASE against the observation noise σ (raw units of x),
# at one width, mean over seeds with the range as error bars. A model missing from the noise sweep is absent.
call "figures/style.gp" ARG1 ARG2
set title "Observation noise: forecast error against σ (d = 25)"
set xlabel "noise standard deviation σ (units of x; std(x) ≈ 7.9)"
set ylabel "one-step MASE after training"
set key top left
set xrange [-0.005:*]
plot data("noise") using "noise":"lru":"lru min":"lru max" with yerrorlines ls 1 title "LRU", \
     "" using "noise":"tf_pos":"tf_pos min":"tf_pos max" with yerrorlines ls 2 title "transformer, learned positions", \
     "" using "noise":"tf_nopos":"tf_nopos min":"tf_nopos max" with yerrorlines ls 3 title "transformer, no positions"
