# Choosing the delay τ: autocorrelation and average mutual information of x(t) and x(t−τ).
# The chosen τ is AMI's first minimum (vertical line); the autocorrelation only sees linear dependence.
call "figures/style.gp" ARG1 ARG2
set title "Choosing τ"
set xlabel "delay τ (steps of dt = 0.01)"
set ylabel "autocorrelation"
set y2label "mutual information (nats)"
set y2tics nomirror
set key top right
stats data("delay") using "chosen" nooutput
tau = STATS_max
set arrow from tau, graph 0 to tau, graph 1 nohead ls 8
set label sprintf("τ = %d", tau) at tau, graph 0.93 offset 1,0
plot data("delay") using "tau":"acf" with lines ls 1 title "autocorrelation", \
     ""            using "tau":"ami" axes x1y2 with lines ls 2 title "average mutual information"
