# Which lags did the trained transformer (learned positions) read? The attention weight averaged over held-out
# queries, against the lag i − j, one curve per head, over every lag; the dashed grey line is the null of uniform
# causal attention (query i giving each of its i + 1 keys 1/(i + 1)), averaged over the same queries.
call "figures/style.gp" ARG1 ARG2
set title "Trained transformer: mean attention weight against lag, beside uniform attention"
set xlabel "lag i − j (steps)"
set ylabel "mean attention weight (fraction of a query's total)"
set logscale y
# Weights below 10⁻⁶ (the far past of a head that reads recent lags) are clipped; the key sits below the plot.
set yrange [1e-6:*]
set format y "10^{%L}"
set key outside below horizontal maxrows 2
set bmargin 7
stats data("attention") using 1 nooutput
heads = STATS_columns - 2
plot for [c=2:heads+1] data("attention") using 1:c with lines ls (c-1) title columnhead(c), \
     "" using 1:(column(heads+2)) with lines ls 8 lw 2 title "uniform causal attention (null)"
