# The held-out hidden states in their first two principal components, coloured by the unobserved z: chapter 1's
# delay embedding, the trained LRU and the trained transformer with learned positions.
fig_width = 1200
fig_height = 420
call "figures/style.gp" ARG1 ARG2
set multiplot layout 1,3 title "Hidden states, first two principal components, coloured by the unobserved z"
unset key
unset colorbox
set xlabel "PC 1"
set ylabel "PC 2"
set title "delay embedding"
plot data("pca") using "delay pc1":"delay pc2":"z" with points pt 7 ps 0.3 lc palette
set title "LRU (trained)"
plot data("pca") using "lru pc1":"lru pc2":"z" with points pt 7 ps 0.3 lc palette
set colorbox
set cblabel "z"
set title "transformer (trained)"
plot data("pca") using "transformer pc1":"transformer pc2":"z" with points pt 7 ps 0.3 lc palette
unset multiplot
