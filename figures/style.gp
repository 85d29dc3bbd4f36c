# Shared look for every figure. A figure script is called as
#     gnuplot -c figures/NN-name/figure.gp DATA_DIR OUTPUT.png|svg
# (from the workspace root, as `make figures` does), and passes its arguments on to this file first:
#     call "figures/style.gp" ARG1 ARG2
# (`call`, not `load`: a loaded file does not see the script's arguments).
#
# Output format follows the extension: pngcairo for the page and the README, svg for the woven book.
# Both are byte-stable from run to run (pdfcairo is not, so we do not use it).
if (ARGC < 2 || strlen(ARG1) == 0 || strlen(ARG2) == 0) {
    print "usage: gnuplot -c figures/NN-name/FIGURE.gp DATA_DIR OUTPUT.png|svg"
    exit status 2
}
if (!exists("fig_width"))  fig_width  = 900
if (!exists("fig_height")) fig_height = 600
ext = ARG2[strlen(ARG2)-2:]
if (ext eq "svg") {
    set terminal svg size fig_width, fig_height dynamic enhanced font "Sans,12" background rgb "white"
} else {
    set terminal pngcairo size fig_width, fig_height enhanced font "Sans,12" background rgb "white"
}
set output ARG2

# data("attractor") is the path of the chapter's attractor.tsv
data(name) = ARG1."/".name.".tsv"
set datafile separator tab
set datafile missing "NaN"

# Okabe–Ito colours: distinguishable with every common colour-vision deficiency.
set style line 1 lc rgb "#0072B2" lw 2 pt 7 ps 0.6
set style line 2 lc rgb "#D55E00" lw 2 pt 5 ps 0.6
set style line 3 lc rgb "#009E73" lw 2 pt 9 ps 0.6
set style line 4 lc rgb "#CC79A7" lw 2 pt 11 ps 0.6
set style line 5 lc rgb "#E69F00" lw 2 pt 13 ps 0.6
set style line 6 lc rgb "#56B4E9" lw 2 pt 3 ps 0.6
set style line 7 lc rgb "#000000" lw 2 pt 1 ps 0.6
set style line 8 lc rgb "#999999" lw 1 dt 2
set style increment user
set border 3 lc rgb "#444444"
set tics nomirror out
set grid lc rgb "#dddddd" lw 1
set key noautotitle opaque box lc rgb "#cccccc"
set palette defined (0 "#0072B2", 1 "#56B4E9", 2 "#009E73", 3 "#E69F00", 4 "#D55E00")
