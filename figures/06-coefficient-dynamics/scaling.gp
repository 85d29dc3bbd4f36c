# Principle 5. Scores q·k of n-dimensional unit-variance vectors have variance n; softmax over 128 keys then
# saturates (entropy → 0). The impulse scale b = 1/√n keeps the variance at 1 and the entropy constant.
fig_width = 1200; fig_height = 500
call "figures/style.gp" ARG1 ARG2
set multiplot layout 1,2
set logscale x 2
set xlabel "state size n"
set title "Score variance"
set ylabel "Var(b q·k)"
set logscale y
set key top left
plot data("scaling") using "n":"variance_unscaled" with linespoints ls 2 title "b = 1", \
     ""              using "n":"variance_scaled" with linespoints ls 1 title "b = 1/√n"
unset logscale y
set title "Softmax entropy over 128 keys"
set ylabel "entropy (nats)"
set yrange [0:5.2]
set key bottom left
plot data("scaling") using "n":"entropy_unscaled" with linespoints ls 2 title "b = 1", \
     ""              using "n":"entropy_scaled" with linespoints ls 1 title "b = 1/√n", \
     ""              using "n":"entropy_max" with lines ls 8 title "log 128 (uniform)"
unset multiplot
