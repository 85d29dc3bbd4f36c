# Which lags does each head read? The attention weight A_ij averaged over query positions i, against the
# lag i − j, for the trained model with learned positional encoding. The dashed line is chapter 1's delay τ.
call "figures/style.gp" ARG1 ARG2
set title "Attention as delay selection: mean attention weight against lag (trained, learned positions)"
set xlabel "lag i − j (steps)"
set ylabel "mean attention weight"
set logscale y
set xrange [0:100]
set key top right
stats data("attention") using "tau" nooutput
tau = STATS_max
set arrow from tau, graph 0 to tau, graph 1 nohead ls 8
set label "τ (chapter 1)" at tau, graph 0.95 offset 0.5,0
stats data("attention") using 1 nooutput
heads = STATS_columns - 3
plot for [c=2:heads+1] data("attention") using 1:c with lines ls (c-1) title columnhead(c), \
     "" using 1:(column(heads+3)) with lines ls 8 lw 2 title "uniform causal attention (null)"
