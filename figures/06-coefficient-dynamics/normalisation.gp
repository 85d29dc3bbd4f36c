# Principle 6. ‖y_i‖ along the sequence for A = a I with positive coefficients. Without η the output follows the
# stability of A: bounded (a < 1), linear growth (a = 1), exponential growth (a > 1). With η = Σ_j α̃_ij every
# row of α is a convex combination and ‖y_i‖ stays below max_j ‖v_j‖ (grey).
fig_width = 1100
call "figures/style.gp" ARG1 ARG2
set title "Normalisation bounds the output whatever A does"
set xlabel "position i"
set ylabel "‖y_i‖"
set logscale y
set format y "10^{%L}"
set key outside right top
plot data("normalisation") using 1:2 with lines ls 1 dt 2 title columnhead(2), \
     ""                    using 1:4 with lines ls 2 dt 2 title columnhead(4), \
     ""                    using 1:6 with lines ls 3 dt 2 title columnhead(6), \
     ""                    using 1:3 with lines ls 1 title columnhead(3), \
     ""                    using 1:5 with lines ls 2 title columnhead(5), \
     ""                    using 1:7 with lines ls 3 title columnhead(7), \
     ""                    using 1:8 with lines ls 8 title columnhead(8)
