# The trained models read as delay embeddings: the weight α puts on each lag i − j. Attention: α averaged over
# held-out positions (each head thin, their mean thick). LRU: ‖K_k‖ over channel pairs, normalised to sum
# to 1 over every lag of a window (lags 0–100 are shown).
# A classical delay embedding would be spikes at 0, τ, 2τ; the dashed line is chapter 1's τ. The grey line is
# the null of uniform causal attention over the same queries.
call "figures/style.gp" ARG1 ARG2
set title "Which lags do the trained models read? α against the lag i − j"
set xlabel "lag i − j (steps)"
set ylabel "weight on the lag (attention: mean probability; LRU: share of ‖K_k‖)"
set logscale y
set format y "10^{%L}"
set key top right
stats data("trained-lags") using "tau" nooutput
tau = STATS_max
set arrow from tau, graph 0 to tau, graph 1 nohead ls 8
set label "τ (chapter 1)" at tau, graph 0.95 offset 0.5,0
stats data("trained-lags") using 1 nooutput
heads = STATS_columns - 5
plot for [c=2:heads+1] data("trained-lags") using 1:c with lines ls 6 lw 1 notitle, \
     data("trained-lags") using 1:(column(heads+2)) with lines ls 6 lw 3 title columnhead(heads+2), \
     data("trained-lags") using 1:(column(heads+3)) with lines ls 2 lw 3 title columnhead(heads+3), \
     data("trained-lags") using 1:(column(heads+5)) with lines ls 8 lw 2 title "uniform causal attention (null)"
