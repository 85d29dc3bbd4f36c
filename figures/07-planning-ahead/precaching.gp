# Paper 002's synthetic task D_p: held-out loss ÷ p after training against the coin probability p, for the vanilla
# and the myopic model, beside the predict-zero baseline (copy x when z = 0, predict 0 when the sum is asked).
call "figures/style.gp" ARG1 ARG2
set title "Pre-caching task D_p: held-out loss after vanilla and myopic training"
set xlabel "p (fraction of positions that ask for the sum of past sines)"
set ylabel "held-out Huber loss ÷ p"
set logscale x
set xrange [0.02:1.5]
set yrange [0:*]
set key bottom left
plot data("precaching") using "p":"baseline" with linespoints ls 8 lw 2 title "baseline (predict 0)", \
     ""                 using "p":"vanilla" with linespoints ls 1 title "vanilla", \
     ""                 using "p":"myopic" with linespoints ls 2 title "myopic"
