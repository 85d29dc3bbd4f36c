# Paper 000's figure of metrics over training: one-step MASE, MLP decode R² of (y, z), neighbour overlap and
# noise amplification L for the three models (d as printed by the chapter, σ = 0.05): the mean over seeds as a
# line, the range over seeds as a band. Step 0 is the initialisation. The dashed grey line is chapter 1's delay
# embedding scored the same way; MASE = 1 is persistence.
fig_width = 1100
fig_height = 820
call "figures/style.gp" ARG1 ARG2
set multiplot layout 2,2 title "What a sequence layer's hidden state knows, from initialisation to trained (mean and range over seeds)"
set xlabel "training step"
set key top right font ",10"
set style fill transparent solid 0.18 noborder
set title "one-step forecast error"
set ylabel "MASE (1 = persistence)"
set logscale y
plot data("training") using "step":"lru mase1 min":"lru mase1 max" with filledcurves ls 1 notitle, \
     "" using "step":"tf_pos mase1 min":"tf_pos mase1 max" with filledcurves ls 2 notitle, \
     "" using "step":"tf_nopos mase1 min":"tf_nopos mase1 max" with filledcurves ls 3 notitle, \
     "" using "step":"lru mase1" with linespoints ls 1 title "LRU", \
     "" using "step":"tf_pos mase1" with linespoints ls 2 title "transformer, positions", \
     "" using "step":"tf_nopos mase1" with linespoints ls 3 title "transformer, no positions", \
     "" using "step":"delay mase1" with lines ls 8 title "delay embedding + simplex", \
     1 with lines lc rgb "#444444" dt 3 title "persistence"
unset logscale y
set title "MLP decoding of the unobserved y, z"
set ylabel "held-out R² (mean of y, z)"
set yrange [-0.5:1.05]
set key bottom right
plot data("training") using "step":"lru mlp min":"lru mlp max" with filledcurves ls 1 notitle, \
     "" using "step":"tf_pos mlp min":"tf_pos mlp max" with filledcurves ls 2 notitle, \
     "" using "step":"tf_nopos mlp min":"tf_nopos mlp max" with filledcurves ls 3 notitle, \
     "" using "step":"lru mlp" with linespoints ls 1 title "LRU", \
     "" using "step":"tf_pos mlp" with linespoints ls 2 title "transformer, positions", \
     "" using "step":"tf_nopos mlp" with linespoints ls 3 title "transformer, no positions", \
     "" using "step":"delay mlp" with lines ls 8 title "delay embedding"
set title "neighbour overlap (k = 20)"
set ylabel "fraction of true neighbours kept"
set yrange [0:1]
set key top right
plot data("training") using "step":"lru overlap min":"lru overlap max" with filledcurves ls 1 notitle, \
     "" using "step":"tf_pos overlap min":"tf_pos overlap max" with filledcurves ls 2 notitle, \
     "" using "step":"tf_nopos overlap min":"tf_nopos overlap max" with filledcurves ls 3 notitle, \
     "" using "step":"lru overlap" with linespoints ls 1 title "LRU", \
     "" using "step":"tf_pos overlap" with linespoints ls 2 title "transformer, positions", \
     "" using "step":"tf_nopos overlap" with linespoints ls 3 title "transformer, no positions", \
     "" using "step":"delay overlap" with lines ls 8 title "delay embedding"
set title "noise amplification (Uzal's L, lower = better unfolded)"
set ylabel "L (log of a ratio, dimensionless)"
set autoscale y
# Same colours as the other panels; no key here, so none covers the bands.
unset key
plot data("training") using "step":"lru L min":"lru L max" with filledcurves ls 1 notitle, \
     "" using "step":"tf_pos L min":"tf_pos L max" with filledcurves ls 2 notitle, \
     "" using "step":"tf_nopos L min":"tf_nopos L max" with filledcurves ls 3 notitle, \
     "" using "step":"lru L" with linespoints ls 1 title "LRU", \
     "" using "step":"tf_pos L" with linespoints ls 2 title "transformer, positions", \
     "" using "step":"tf_nopos L" with linespoints ls 3 title "transformer, no positions", \
     "" using "step":"delay L" with lines ls 8 title "delay embedding"
unset multiplot
