# Parameter efficiency (paper 000's claim 3): final one-step MASE against the number of trained parameters, one
# point per width d, mean over seeds with the range as error bars. Lower and further left is better; MASE = 1
# (dotted) is persistence. Where the committed reference run exists (figures/05-sequence-embeddings/reference/,
# `ch05 --full`: 500-step trajectories, 2 000 of them, 5 000 steps per run), its points are drawn open and dashed, with their own seed ranges.
fig_height = 660
call "figures/style.gp" ARG1 ARG2
set title "Parameter efficiency: forecast error against model size (σ = 0.05)"
set xlabel "trained parameters"
set ylabel "one-step MASE after training (1 = persistence)"
set logscale x
set logscale y
set key outside below horizontal maxrows 4 font ",10" spacing 1.1
set bmargin 9
# Room on both sides so that the first and last points and their ticks are not clipped.
set offsets graph 0.05, graph 0.05, 0, 0
set rmargin 5
set yrange [0.1:1.3]
reference = "figures/05-sequence-embeddings/reference/efficiency.tsv"
has_reference = system("test -f ".reference." && echo 1 || echo 0") eq "1"
extra = has_reference ? \
    sprintf(', "%s" index 0 using "params":"mase1":"min":"max" with yerrorlines ls 1 dt 2 pt 6 title "LRU, reference --full run", ', reference) . \
    sprintf('"%s" index 1 using "params":"mase1":"min":"max" with yerrorlines ls 2 dt 2 pt 4 title "positions, reference --full run", ', reference) . \
    sprintf('"%s" index 2 using "params":"mase1":"min":"max" with yerrorlines ls 3 dt 2 pt 8 title "no positions, reference --full run"', reference) : ""
plot data("efficiency") index 0 using "params":"mase1":"min":"max" with yerrorlines ls 1 title "LRU", \
     ""                 index 1 using "params":"mase1":"min":"max" with yerrorlines ls 2 title "transformer, learned positions", \
     ""                 index 2 using "params":"mase1":"min":"max" with yerrorlines ls 3 title "transformer, no positions", \
     1 with lines lc rgb "#444444" dt 3 title "persistence" @extra
