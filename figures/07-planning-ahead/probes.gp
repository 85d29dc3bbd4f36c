# Linear probes for sin(w·x_{n−i}) from each layer's residual stream at position n, against the lag i: vanilla
# (solid) and myopic (dashed), one colour per layer (0 = embedding, 1 = after block 1, 2 = after block 2).
call "figures/style.gp" ARG1 ARG2
set title "What the residual stream holds: probe R² for sin(w·x_{n−i}) (solid vanilla, dashed myopic)"
set xlabel "lag i"
set ylabel "held-out R²"
set yrange [*:1.02]
set key top right
plot for [l=0:2] data("probes") using "lag":(column(l+2)) with linespoints ls (l+1) title columnhead(l+2), \
     for [l=0:2] data("probes") using "lag":(column(l+5)) with linespoints ls (l+1) dt 2 title columnhead(l+5)
