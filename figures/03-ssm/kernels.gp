# Impulse responses of single modes: the weight γ·Re(λ^k) a mode gives to the input k steps ago.
# A diagonal SSM's state is a bank of such filters applied to the past: a *filtered* delay embedding.
call "figures/style.gp" ARG1 ARG2
set title "Each state is a filter of the past: γ Re(λ^k) for four eigenvalues λ = r e^{iθ}"
set xlabel "lag k (steps)"
set ylabel "weight on u(t − k)"
set key top right
plot for [c=2:5] data("kernels") using 1:c with lines ls (c-1) title columnheader(c)
