# Held-out bits per character against the number of parameters for the four training rules (left), and the gaps
# to vanilla (right): myopic − vanilla (the myopia gap), self-only − vanilla, and the local myopia bonus (vanilla −
# local-myopic). Mean over seeds, the range as error bars.
fig_width = 1200
call "figures/style.gp" ARG1 ARG2
set multiplot layout 1, 2 title "Model size: bits per character, the myopia gap and the local myopia bonus"
set xlabel "parameters"
set logscale x
set format x "10^{%L}"
set autoscale xfix
set offsets graph 0.1, graph 0.1, graph 0.05, graph 0.05
set key top right font ",10"
set ylabel "held-out bits per character"
plot data("size") using "parameters":"vanilla":"vanilla min":"vanilla max" with yerrorlines ls 1 title "vanilla", \
     ""           using "parameters":"myopic":"myopic min":"myopic max" with yerrorlines ls 2 title "myopic", \
     ""           using "parameters":"self-only":"self-only min":"self-only max" with yerrorlines ls 3 title "self-only", \
     ""           using "parameters":"local-myopic":"local-myopic min":"local-myopic max" with yerrorlines ls 4 title "local-myopic"
set ylabel "difference (bits per character)"
set yrange [*:*]
set key top right font ",10"
plot 0 with lines ls 8 notitle, \
     data("size") using "parameters":"myopia gap":"myopia gap min":"myopia gap max" with yerrorlines ls 2 title "myopia gap (myopic − vanilla)", \
     ""           using "parameters":"self-only gap":"self-only gap min":"self-only gap max" with yerrorlines ls 3 title "self-only − vanilla", \
     ""           using "parameters":"bonus":"bonus min":"bonus max" with yerrorlines ls 4 title "local myopia bonus (vanilla − local-myopic)"
unset multiplot
