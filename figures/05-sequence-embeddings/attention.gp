# Which lags did the trained transformer (learned positions) read? The attention weight averaged over held-out
# queries, against the lag i − j, one curve per head.
call "figures/style.gp" ARG1 ARG2
set title "Trained transformer: mean attention weight against lag"
set xlabel "lag i − j (steps)"
set ylabel "mean attention weight"
set logscale y
set xrange [0:100]
set key top right
stats data("attention") using 1 nooutput
heads = STATS_columns - 1
plot for [c=2:heads+1] data("attention") using 1:c with lines ls (c-1) title columnhead(c)
