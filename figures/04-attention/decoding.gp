# What the residual stream r (paper 000's hidden state) knows about the unobserved z, at initialisation and
# during training: cross mapping (solid) and a linear probe (dashed), one colour per positional encoding.
# decoding.tsv holds the step, then one cross-mapping column per variant, then one linear column per variant.
call "figures/style.gp" ARG1 ARG2
set title "Decoding z from the transformer's hidden state (solid: cross mapping, dashed: linear probe)"
set xlabel "training step"
set ylabel "held-out R² of z"
set yrange [*:1.02]
set key top left
stats data("decoding") using 1 nooutput
variants = (STATS_columns - 1) / 2
plot for [v=1:variants] data("decoding") using 1:(column(v+1)) with linespoints ls v title columnhead(v+1), \
     for [v=1:variants] data("decoding") using 1:(column(v+1+variants)) with lines ls v dt 2 notitle
