# Principle 2. One target token (the vertical line) among L random keys in ℝ⁴. Top: the best linear query
# (least squares) cannot zero the others. Middle: ReLU of the same query zeroes a half-space, not all the rest.
# Bottom: softmax along a selecting direction concentrates on the target as the scale grows.
fig_width = 900; fig_height = 900
call "figures/style.gp" ARG1 ARG2
stats data("selectivity") using "target" nooutput
stats data("selectivity") using ((column("target") > 0) ? column("token") : NaN) name "T" nooutput
target = T_max
stats data("selectivity") using "token" nooutput
set xrange [-0.7:STATS_max+0.7]
set multiplot layout 3,1 title "What one query can select: α over the keys for three readouts φ"
set xlabel "key j"
set arrow 1 from target, graph 0 to target, graph 1 nohead ls 8
set key top right
set ylabel "α̃_j = q·k_j"
plot data("selectivity") using 1:2 with impulses ls 1 lw 4 title columnhead(2), 0 with lines ls 8 notitle
set ylabel "α̃_j = max(q·k_j, 0)"
plot data("selectivity") using 1:3 with impulses ls 3 lw 4 title columnhead(3)
set ylabel "α_j (softmax)"
set yrange [0:1.05]
plot for [c=4:6] data("selectivity") using ($1 + 0.2*(c-5)):c with impulses ls (c-2) lw 3 title columnhead(c)
unset multiplot
