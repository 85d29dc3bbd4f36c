# The memory of the filters matters: all eigenvalues on one circle of radius r (phases spread over [0, 2π)).
# Too short a memory (small r) reads x and its last few differences, which noise spoils (compare the noisy x);
# too long a memory lets slow, drifting modes dominate the distances, and at r = 0.999 the state has not
# settled within the 500 steps it is given (a start-up transient).
call "figures/style.gp" ARG1 ARG2
set title "Memory length: held-out R² of z against the eigenvalue radius r (untrained LRU)"
set xlabel "time constant 1/(1 − r) (steps)"
set ylabel "held-out R² of z"
set logscale x
set yrange [*:1.02]
set key bottom left
plot data("radius") using "memory":"r2_z_knn" with linespoints ls 1 title "cross mapping (clean x)", \
     ""             using "memory":"r2_z_knn_noisy" with linespoints ls 6 dt 2 title "cross mapping (1% noisy x)", \
     ""             using "memory":"r2_z_linear" with linespoints ls 2 title "linear probe (clean x)"
