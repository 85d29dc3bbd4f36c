# Held-out bits per character of the character GPTs during training: one colour per training rule (vanilla,
# myopic, self-only), one dash pattern per width. language.tsv holds the step, then the columns variant by variant,
# each with one column per width, each the mean over the seeds.
call "figures/style.gp" ARG1 ARG2
set title "Character-level GPTs: held-out bits per character during training (mean over seeds)"
set xlabel "training step"
set ylabel "bits per character"
set key top right
# The first evaluation (the untrained models, ~7 bits on a large alphabet) is cut off so the differences show.
set yrange [*:5]
stats data("language") using 1 nooutput
columns = STATS_columns
widths = (columns - 1) / 3
variant(c) = (c - 2) / widths + 1
width(c) = (c - 2) % widths + 1
plot for [c=2:columns] data("language") using 1:c with lines ls variant(c) dt width(c) title columnhead(c)
