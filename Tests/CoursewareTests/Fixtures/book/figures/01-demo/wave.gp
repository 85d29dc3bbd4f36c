# A sine wave against time: the caption of the figure,
# on two comment lines.
call "figures/style.gp" ARG1 ARG2
plot data("wave") using 1:2 with lines
