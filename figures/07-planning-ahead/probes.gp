# Linear probes for sin(w·x_{n−i}) from each layer's residual stream at position n, against the lag i, at p = 1:
# vanilla (solid) and myopic (dashed), one colour per layer (0 = embedding, 1 = after block 1, 2 = after block 2);
# mean over seeds with the range as error bars. Columns: lag, then (mean, min, max) per variant and layer.
call "figures/style.gp" ARG1 ARG2
set title "What the residual stream holds: probe R² for sin(w·x_{n−i}) (solid vanilla, dashed myopic)"
set xlabel "lag i (positions)"
set ylabel "held-out R²"
set yrange [-0.1:1.05]
set key top right font ",10"
plot 0 with lines ls 8 notitle, \
     for [l=0:2] data("probes") using 1:(column(3*l+2)):(column(3*l+3)):(column(3*l+4)) with yerrorlines ls (l+1) title columnhead(3*l+2), \
     for [l=0:2] data("probes") using 1:(column(3*l+11)):(column(3*l+12)):(column(3*l+13)) with yerrorlines ls (l+1) dt 2 title columnhead(3*l+11)
