# Principle 3. The shuffle test: permute the tokens before the last one and measure how much the last output
# moves. Mixers with A = I (orange) cannot tell the order of their past: the change is rounding error.
fig_width = 1000; fig_height = 550
call "figures/style.gp" ARG1 ARG2
set title "Shuffle test: ‖Δy_L‖ / ‖y_L‖ after permuting the past (A = I in orange)"
set ylabel "relative change of the last output"
set logscale y
set format y "10^{%L}"
set yrange [1e-17:10]
set style fill solid 0.8 noborder
set boxwidth 0.7
set xtics rotate by 35 right font ",10"
set xrange [-0.7:*]
unset key
plot data("position") using "index":(column("change") > 1e-17 ? column("change") : 1e-17):(column("identity") > 0 ? 0xD55E00 : 0x0072B2):xticlabels(2) \
     with boxes lc rgb variable
