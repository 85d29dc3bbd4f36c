# Paper 000's figure of metrics over training: one-step MASE, linear decode R² of (y, z), neighbour overlap and
# noise amplification L, averaged over seeds, for the three models (d as printed by the chapter, σ = 0.05).
# Step 0 is the initialisation. The dashed grey line is chapter 1's delay embedding scored the same way.
fig_width = 1100
fig_height = 800
call "figures/style.gp" ARG1 ARG2
set multiplot layout 2,2 title "What a sequence layer's hidden state knows, from initialisation to trained (mean over seeds)"
set xlabel "training step"
set key top right font ",10"
set title "one-step forecast error"
set ylabel "MASE (1 = persistence)"
set logscale y
plot data("training") using "step":"lru mase1" with linespoints ls 1 title "LRU", \
     "" using "step":"tf_pos mase1" with linespoints ls 2 title "transformer, positions", \
     "" using "step":"tf_nopos mase1" with linespoints ls 3 title "transformer, no positions", \
     "" using "step":"delay mase1" with lines ls 8 title "delay embedding + simplex"
unset logscale y
set title "linear decoding of the unobserved y, z"
set ylabel "held-out R² (mean of y, z)"
set yrange [*:1.02]
set key bottom right
plot data("training") using "step":"lru linear" with linespoints ls 1 title "LRU", \
     "" using "step":"tf_pos linear" with linespoints ls 2 title "transformer, positions", \
     "" using "step":"tf_nopos linear" with linespoints ls 3 title "transformer, no positions", \
     "" using "step":"delay linear" with lines ls 8 title "delay embedding"
set title "neighbour overlap (k = 20)"
set ylabel "shared nearest neighbours"
set yrange [0:1]
set key top right
plot data("training") using "step":"lru overlap" with linespoints ls 1 title "LRU", \
     "" using "step":"tf_pos overlap" with linespoints ls 2 title "transformer, positions", \
     "" using "step":"tf_nopos overlap" with linespoints ls 3 title "transformer, no positions", \
     "" using "step":"delay overlap" with lines ls 8 title "delay embedding"
set title "noise amplification (Uzal's L, lower = better unfolded)"
set ylabel "L"
set autoscale y
plot data("training") using "step":"lru L" with linespoints ls 1 title "LRU", \
     "" using "step":"tf_pos L" with linespoints ls 2 title "transformer, positions", \
     "" using "step":"tf_nopos L" with linespoints ls 3 title "transformer, no positions", \
     "" using "step":"delay L" with lines ls 8 title "delay embedding"
unset multiplot
