# The myopia gap (myopic − vanilla, held-out bits per character) at each position of the 64-character context,
# one line per width. Position 0 has no context; position 63 has 63 characters of it.
call "figures/style.gp" ARG1 ARG2
set title "Myopia gap by position in the context"
set xlabel "position in the context"
set ylabel "myopic − vanilla (bits per character)"
set key top left
set xrange [0:*]
set autoscale xfix
stats data("position") using 1 nooutput
widths = (STATS_columns - 1) / 2
plot 0 with lines ls 8 notitle, \
     for [c=2:widths+1] data("position") using 1:c with lines ls (c-1) title columnhead(c)
