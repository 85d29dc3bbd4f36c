# The delay-embedded attractor (x(t), x(t−τ), x(t−2τ)): built from x alone, it has the same shape
# (same topology) as the true attractor: two lobes, one hole each.
call "figures/style.gp" ARG1 ARG2
set title "Delay embedding of x alone"
set xlabel "x(t)"; set ylabel "x(t−τ)"; set zlabel "x(t−2τ)" rotate
set view 65, 30
unset key
splot data("embedded") using "x0":"x1":"x2" with lines ls 2 lw 1
