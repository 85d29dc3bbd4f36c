# One held-out sequence: the observation and each trained model's one-step predictions (teacher forced).
call "figures/style.gp" ARG1 ARG2
set title "One-step predictions on a held-out sequence"
set xlabel "position in the sequence"
set ylabel "x (standardised)"
set key top right
stats data("predictions") using 1 nooutput
columns = STATS_columns
plot data("predictions") using 1:2 with lines ls 7 lw 3 title "observed", \
     for [c=3:columns] "" using 1:c with lines ls (c-2) title columnhead(c)
