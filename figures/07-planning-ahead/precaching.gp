# Paper 002's synthetic task D_p: held-out loss after training as a fraction of the predict-zero baseline (copy x
# when z = 0, predict 0 when the sum is asked), against the coin probability p, for the vanilla and the myopic
# model: mean over seeds, the range as error bars. The open symbols at p = 0.3 are chapter 7's control, where
# z = 0 asks for 0 instead of x_n (drawn slightly to the right so the bars do not overlap).
call "figures/style.gp" ARG1 ARG2
set title "Pre-caching task D_p: held-out loss after vanilla and myopic training"
set xlabel "p (fraction of positions that ask for the sum of past sines)"
set ylabel "held-out loss ÷ baseline loss"
set logscale x
set xrange [0.02:1.6]
set yrange [0:1.3]
set key top left font ",10"
paper(col) = column("control") == 0 ? column(col) : NaN
control(col) = column("control") == 1 ? column(col) : NaN
plot 1 with lines ls 8 lw 2 title "baseline (predict 0)", \
     data("precaching") using "p":(paper("vanilla ratio")):"vanilla min":"vanilla max" with yerrorlines ls 1 title "vanilla", \
     ""                 using "p":(paper("myopic ratio")):"myopic min":"myopic max" with yerrorlines ls 2 title "myopic", \
     ""                 using ($1*1.08):(control("vanilla ratio")):"vanilla min":"vanilla max" with yerrorbars ls 1 pt 6 ps 1.2 title "vanilla, control", \
     ""                 using ($1*1.08):(control("myopic ratio")):"myopic min":"myopic max" with yerrorbars ls 2 pt 4 ps 1.2 title "myopic, control"
