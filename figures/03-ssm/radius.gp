# The memory of the filters matters: all eigenvalues on one circle of radius r (phases spread over [0, 2π)).
# Too short a memory (small r) cannot span a delay τ; too long a memory blurs the present with the far past.
call "figures/style.gp" ARG1 ARG2
set title "Memory length: held-out R² of z against the eigenvalue radius r (untrained LRU)"
set xlabel "time constant 1/(1 − r) (steps)"
set ylabel "held-out R² of z"
set logscale x
set yrange [*:1.02]
set key bottom left
plot data("radius") using "memory":"r2_z_knn" with linespoints ls 1 title "cross mapping", \
     ""             using "memory":"r2_z_linear" with linespoints ls 2 title "linear probe"
