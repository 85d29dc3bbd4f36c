# Eigenvalues λ of three initialisations of a diagonal state-space layer, on the complex unit disk.
# |λ| sets how long a mode remembers (time constant 1/(1−|λ|) steps), arg λ how fast it oscillates.
# The fourth panel is the trained LRU model of section 5: training moves the modes.
fig_width = 900; fig_height = 900
call "figures/style.gp" ARG1 ARG2
set multiplot layout 2,2 title "Where the modes start: eigenvalues λ on the unit disk"
set size ratio -1
set xrange [-1.05:1.05]; set yrange [-1.05:1.05]
set xlabel "Re λ"; set ylabel "Im λ"
unset key
stats data("eigenvalues") using "re" nooutput
blocks = STATS_blocks
set parametric
set trange [0:2*pi]
array names[4] = ["LRU ring, |λ| ∈ [0.8, 0.99]", "S4D-Lin (zero-order hold)", "S4D-Inv (zero-order hold)", "LRU model after training"]
do for [i=0:blocks-1] {
    set title names[i+1]
    plot cos(t), sin(t) with lines ls 8, \
         data("eigenvalues") index i using "re":"im" with points ls (i+1) pt 7 ps 0.7
}
unset multiplot
