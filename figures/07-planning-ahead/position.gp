# The myopia gap (myopic − vanilla, held-out bits per character) at each position of the 64-character context,
# one line per width: mean over seeds, the band their range. Position 0 has no context; position 63 has 63
# characters of it. Columns: position, then (mean, min, max) per width.
call "figures/style.gp" ARG1 ARG2
set title "Myopia gap by position in the context"
set xlabel "position in the context (characters)"
set ylabel "myopic − vanilla (bits per character)"
set key top left
set xrange [0:*]
set autoscale xfix
set style fill transparent solid 0.2 noborder
stats data("position") using 1 nooutput
widths = (STATS_columns - 1) / 3
plot 0 with lines ls 8 notitle, \
     for [w=1:widths] data("position") using 1:(column(3*w)):(column(3*w+1)) with filledcurves ls w notitle, \
     for [w=1:widths] data("position") using 1:(column(3*w-1)) with lines ls w title columnhead(3*w-1)
