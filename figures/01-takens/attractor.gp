# The Lorenz attractor in its true coordinates (x, y, z): what we would see if we could measure everything.
# Expect the two-lobed "butterfly"; the trajectory switches lobes at irregular times.
call "figures/style.gp" ARG1 ARG2
set title "Lorenz-63 attractor (σ=10, ρ=28, β=8/3)"
set xlabel "x"; set ylabel "y"; set zlabel "z" rotate
set view 65, 30
set grid noxtics noytics
unset key
splot data("attractor") using "x":"y":"z" with lines ls 1 lw 1
