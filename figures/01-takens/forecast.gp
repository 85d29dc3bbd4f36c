# Simplex forecasting in the delay embedding: skill (correlation of forecast and truth) falls with the
# horizon, as chaos spreads nearby states apart (Lyapunov time ≈ 1.1 time units ≈ 110 steps).
call "figures/style.gp" ARG1 ARG2
set title "Forecasting from the embedding (simplex projection)"
set xlabel "forecast horizon h (steps of dt = 0.01)"
set ylabel "forecast skill ρ"
set yrange [*:1.02]
set key bottom left title "noise / std(x)"
stats data("forecast") using 1 nooutput
blocks = STATS_blocks
array level[blocks]
do for [i=1:blocks] { stats data("forecast") index (i-1) using "noise" nooutput; level[i] = STATS_min }
plot for [i=0:blocks-1] data("forecast") index i using "horizon":"rho" with linespoints ls (i+1) title sprintf("%g", level[i+1])
