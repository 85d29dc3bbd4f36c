# The coefficient matrix α (query position i down, key position j across) of the first head or channel of every
# mixer, all on the same input (the observed Lorenz x lifted to 8 channels). Red positive, blue negative, white 0;
# each panel has its own colour scale, set by the rows i ≥ L/4 (the first rows, with little past, saturate), and
# prints it beside the mixer's name: a shared scale would leave most panels white.
# The LRU is shown without its skip D. Lower triangle only: causality.
fig_width = 1400; fig_height = 1450
call "figures/style.gp" ARG1 ARG2
set palette defined (-1 "#2166AC", 0 "#F7F7F7", 1 "#B2182B")
unset colorbox
stats data("coefficients") using "i" nooutput
L = STATS_max + 1
stats data("coefficients") using 1 nooutput
mixers = STATS_columns - 2
# Colour scales first: `stats` obeys the axis ranges set below.
array scales[mixers]
do for [k=3:mixers+2] {
    stats data("coefficients") using ((column("i") >= L/4) ? abs(column(k)) : NaN) nooutput
    scales[k-2] = STATS_max > 0 ? STATS_max : 1
}
set multiplot layout 4,4 title "Every mixer's coefficient matrix α_{ij} on the same input (first head or channel)\nred positive, blue negative, white 0; each panel's colour scale runs from −s to +s, s printed beside its name"
set xrange [-0.5:L-0.5]
set yrange [L-0.5:-0.5]      # i downwards, as in a matrix
set size ratio -1
set tics out scale 0.5 font ",9"
set xlabel "key j" font ",9" offset 0,0.5
set ylabel "query i" font ",9" offset 1.5,0
unset grid
unset key
# Each panel's title: the mixer's name (its column header) and its colour scale.
name(k) = system(sprintf("awk -F'\t' '!/^#/ { print $%d; exit }' '%s'", k, data("coefficients")))
do for [k=3:mixers+2] {
    set cbrange [-scales[k-2]:scales[k-2]]
    set title name(k)." (s = ".gprintf("%.2g", scales[k-2]).")" font ",10" offset 0,-0.5
    plot data("coefficients") using "j":"i":k with image notitle
}
unset multiplot
