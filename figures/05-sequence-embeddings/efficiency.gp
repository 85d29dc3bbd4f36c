# Parameter efficiency (paper 000's claim 3): final one-step MASE against the number of trained parameters, one
# point per width d, mean over seeds with the range as error bars. Lower and further left is better.
call "figures/style.gp" ARG1 ARG2
set title "Parameter efficiency: forecast error against model size (σ = 0.05)"
set xlabel "trained parameters"
set ylabel "one-step MASE after training"
set logscale x
set logscale y
set key top right
plot data("efficiency") index 0 using "params":"mase1":"min":"max" with yerrorlines ls 1 title "LRU", \
     ""                 index 1 using "params":"mase1":"min":"max" with yerrorlines ls 2 title "transformer, learned positions", \
     ""                 index 2 using "params":"mase1":"min":"max" with yerrorlines ls 3 title "transformer, no positions"
