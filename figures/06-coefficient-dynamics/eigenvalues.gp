# Eigenvalues of A_i on the complex unit disk, for every step i of the first head or channel of each mixer,
# and (last panel) the trained LRU model of chapter 5 beside a fresh ring initialisation.
# On the circle: marginally stable (nothing forgotten); inside: a fading memory; at 1: a state that never moves.
fig_width = 1400; fig_height = 1450
call "figures/style.gp" ARG1 ARG2
stats data("eigenvalues") using 1 nooutput
mixers = STATS_columns / 2
set multiplot layout 4,4 title "Eigenvalues λ of A_i on the unit disk"
set size ratio -1
set xrange [-1.1:1.1]; set yrange [-1.1:1.1]
set tics out scale 0.5 font ",9"
set xtics 1; set ytics 1
set xlabel "Re λ" font ",9" offset 0,0.5
set ylabel "Im λ" font ",9" offset 1.5,0
unset key
# Each panel's title is the mixer's name (its column header): a key inside the disk would cover eigenvalues.
name(k) = system(sprintf("awk -F'\t' '!/^#/ { print $%d; exit }' '%s'", k, data("eigenvalues")))
set parametric
set trange [0:2*pi]
do for [m=1:mixers] {
    set title name(2*m-1) font ",10" offset 0,-0.5
    plot cos(t), sin(t) with lines ls 8 notitle, \
         data("eigenvalues") using (column(2*m-1)):(column(2*m)) with points ls 1 pt 7 ps 0.5 notitle
}
set title "the trained LRU: ring init (grey ○), trained (orange ●)" font ",10" offset 0,-0.5
plot cos(t), sin(t) with lines ls 8 notitle, \
     data("trained-eigenvalues") using "initial re":"initial im" with points ls 8 pt 6 ps 0.5 notitle, \
     data("trained-eigenvalues") using "trained re":"trained im" with points ls 2 pt 7 ps 0.5 notitle
unset multiplot
