//: # Chapter 1 · Takens delay embeddings
//:
//: We watch a chaotic system through a keyhole: of its three coordinates we measure only one, x(t), and
//: even that with noise. This chapter shows that the keyhole is enough. Stacking a few *delayed copies* of
//: x — the vector (x(t), x(t−τ), x(t−2τ)) — rebuilds a faithful picture of the whole system, from which
//: the coordinates we never measured, y and z, can be read back. Everything in the later chapters rests on
//: this: a sequence model that predicts x(t+1) from the past of x has to build something like this picture,
//: and the question of the course is *how well* each kind of model builds it.
//:
//: How to read this file: lines starting with `//:` are the text; everything else is the program. Run it
//: with `make ch01` (or `.build/release/ch01 --help` for the options); it prints what it measures under the
//: same `##` headings as the text below and writes the data for the figures in `figures/01-takens/`.

import Dynamics
import Foundation
import LinearAlgebra
import Notebook

let options = Chapter1.parseOrExit()
let scale = options.common.scale

Notebook.run(chapter: "01-takens", title: "Chapter 1 · Takens delay embeddings", options: options.common) { nb in

    //: ## 1. We only see x(t)
    //:
    //: The Lorenz-63 system (Lorenz 1963) is three coupled ordinary differential equations,
    //:
    //:     ẋ = σ (y − x),    ẏ = x (ρ − z) − y,    ż = x y − β z,
    //:
    //: with the classic parameters σ = 10, ρ = 28, β = 8/3, where the motion is chaotic: it never repeats and
    //: nearby states separate exponentially fast (the largest Lyapunov exponent is about 0.9, so errors grow
    //: e-fold every ~1.1 time units). We integrate it with the fourth-order Runge–Kutta method (RK4) at a
    //: fixed step dt = 0.01, start from a random point, and throw away a burn-in of 20 time units so the
    //: state has settled onto the attractor.
    //:
    //: Then we pretend we are an experimenter with a single probe: we keep only x(t), and add Gaussian
    //: observation noise of standard deviation η·std(x). We call η the *relative noise level*; the main
    //: story uses η = 1%, and section 6 turns it up.
    nb.section("1. We only see x(t)")
    let dt = 0.01
    let steps = scale.pick(quick: 6_000, standard: 30_000, full: 100_000)
    let lorenz = Lorenz63()
    var dataRNG = SeededRNG(seed: options.common.seed, stream: 1)
    let start = randomInitialConditions(box: [-15..<15, -20..<20, 5..<40], count: 1, rng: &dataRNG)[0]
    let trajectory = integrate(lorenz, from: start, dt: dt, steps: steps, burnIn: 2_000)
    let x = observe(trajectory, coordinate: 0)
    let hidden = trajectory.selectingColumns([1, 2])          // y and z: what we will try to recover
    let stdX = standardDeviation(x)
    let baseNoise = 0.01
    var noiseRNG = SeededRNG(seed: options.common.seed, stream: 2)
    let observed = addNoise(x, std: baseNoise * stdX, rng: &noiseRNG)

    nb.say("Integrated \(steps) steps of Lorenz-63 (dt = \(dt)) after a burn-in of 2000 steps.")
    nb.result("mean z on the attractor", mean(trajectory.column(2)))
    nb.result("std of x", stdX)
    nb.result("observation noise std (η = 1%)", baseNoise * stdX)

    var attractorFile = nb.data("attractor", header: ["t", "x", "y", "z"])
    for i in stride(from: 0, to: min(steps, 8_000), by: 2) {
        attractorFile.row([Double(i) * dt, trajectory[i, 0], trajectory[i, 1], trajectory[i, 2]])
    }
    try nb.save(attractorFile)
    var observedFile = nb.data("observed", header: ["t", "x", "x_noisy"])
    for i in 0..<min(steps, 1_500) { observedFile.row([Double(i) * dt, x[i], observed[i]]) }
    try nb.save(observedFile)

    //: ## 2. Takens' theorem
    //:
    //: Pick a delay τ and a dimension d, and map each time t to the *delay vector*
    //:
    //:     v(t) = ( x(t), x(t−τ), x(t−2τ), …, x(t−(d−1)τ) ).
    //:
    //: We use *backward* delays: v(t) holds only the past, which is exactly what a forecaster standing at
    //: time t — or a causal sequence model — may look at. Takens (1981) proved that for a generic smooth
    //: system and a generic measurement function, the map from the true state to v(t) is an *embedding* —
    //: one-to-one, smooth, with a smooth inverse on the attractor — as soon as d > 2m, where m is the
    //: dimension of the state space. Sauer, Yorke and Casdagli (1991) sharpened "generic" into "almost
    //: every" and replaced m by the (box-counting) dimension of the attractor itself: for Lorenz that is
    //: about 2.06, so d ≥ 5 works for almost every measurement function — not for every one. Measuring z alone
    //: fails whatever d: the Lorenz equations are unchanged by (x, y, z) → (−x, −y, z), so two states that
    //: differ only in the signs of x and y produce the same z series, and no delay vector of z can tell them
    //: apart. x is a generic measurement; z is not. The theorem is sufficient, not necessary, and in practice
    //: d = 3 already unfolds the Lorenz attractor from x, as we are about to measure.
    //:
    //: An embedding means: distinct states give distinct delay vectors, and nearby delay vectors come from
    //: nearby states. So any function of the state — in particular the unseen y and z — is a function of
    //: v(t). The theorem says nothing about how to choose τ, how large d must be in practice, or what noise
    //: does; the next sections measure each of these.
    nb.section("2. Takens' theorem")
    nb.say("Delay vectors are v(t) = (x(t), x(t−τ), …, x(t−(d−1)τ)): backward, causal delays.")

    //: ## 3. Choosing the delay τ
    //:
    //: Any τ works in theory; in practice a τ that is too small makes x(t) and x(t−τ) almost equal, so all
    //: delay vectors crowd along the diagonal and noise swamps the differences; a τ that is too large makes
    //: the coordinates unrelated because chaos has scrambled the past. Two classic heuristics:
    //:
    //: * the **autocorrelation** C(τ) — take τ where it first drops below 1/e or first crosses zero. It only
    //:   measures *linear* dependence;
    //: * the **average mutual information** I(τ) between x(t) and x(t−τ) (Fraser & Swinney 1986), estimated
    //:   from a 2-D histogram — take τ at its *first local minimum*, where the new coordinate adds the most
    //:   information that the old one lacks, before chaos erases the relation altogether.
    //:
    //: We choose τ by mutual information and show both curves. (The autocorrelation's first zero comes out
    //: "none found": we compute lags up to 60 steps, and x stays positively correlated with itself that long,
    //: because which lobe the trajectory is on — the sign of x — changes only every few hundred steps.)
    nb.section("3. Choosing the delay τ")
    let maxLag = 60
    let acf = autocorrelation(observed, maxLag: maxLag)
    let ami = averageMutualInformation(observed, maxLag: maxLag, bins: 32)
    let tauAMI = firstLocalMinimum(ami)
    let tauACF = firstDropBelow(acf)
    let tauZero = firstZeroCrossing(acf)
    guard let tau = options.tau ?? tauAMI ?? tauACF else {
        throw NotebookError("no delay found within \(maxLag) steps; pass one with --tau")
    }
    let theiler = tauACF ?? tau   // neighbours closer in time than one decorrelation time are not "other" states

    nb.result("τ at the first minimum of mutual information", tauAMI, unit: "steps")
    nb.result("τ where the autocorrelation drops below 1/e", tauACF, unit: "steps")
    nb.result("τ at the first zero of the autocorrelation", tauZero, unit: "steps")
    nb.say(options.tau == nil
           ? "Chosen: τ = \(tau) steps = \(Format.number(Double(tau) * dt)) time units (first AMI minimum)."
           : "Chosen: τ = \(tau) steps (set with --tau).")
    var delayFile = nb.data("delay", header: ["tau", "acf", "ami", "chosen"])
    for lag in 0...maxLag { delayFile.row([Double(lag), acf[lag], ami[lag], Double(tau)]) }
    try nb.save(delayFile)

    //: ## 4. Choosing the dimension d
    //:
    //: If d is too small, the attractor is *projected*: it folds onto itself, and points that are far apart
    //: on the attractor land close together in delay space. Such neighbours are **false nearest neighbours**
    //: (Kennel, Brown & Abarbanel 1992): adding the next delay coordinate x(t−dτ) pulls them far apart.
    //: We count the fraction of nearest neighbours that are false at each d; it drops to about zero once
    //: the attractor is unfolded. Neighbours that are close merely because they are close *in time* are
    //: excluded with a **Theiler window** w (here w is the time the autocorrelation takes to drop below 1/e).
    //:
    //: Cao (1997) removes FNN's thresholds: E(d) is the mean ratio by which nearest-neighbour distances grow
    //: when going from d to d+1, and E1(d) = E(d+1)/E(d) stops changing (approaches 1) once d is enough.
    //: His second statistic E2 compares the neighbours' *added coordinate* alone (with our backward delays,
    //: one more step into the past); for a random signal E2 ≈ 1 at every d, so E2 ≠ 1 is evidence that the
    //: signal is deterministic. The thresholds are conventions — 5% for FNN, 0.9 for E1 — and the two methods
    //: need not agree: FNN asks whether the nearest neighbour stays near, E1 whether the *average* growth of
    //: distances has settled, which the thin, strongly folded parts of the attractor delay by a dimension or two.
    //:
    //: **The direction of the delays matters here.** Many tools (DelayEmbeddings.jl, teaspoon, nolitsa) add
    //: *future* coordinates x(t+τ), x(t+2τ), …; we add past ones. For reconstructing the state it makes no
    //: difference, but for counting false neighbours it does: Lorenz contracts very strongly along one
    //: direction as time runs forwards, so that direction *expands* as it runs backwards, and two true
    //: neighbours drift apart faster in an added past coordinate than in an added future one. Backward delays
    //: therefore flag more neighbours as false and can ask for a larger d. The table shows both: the forward
    //: column is the same computation on the time-reversed series.
    //:
    //: In practice our (backward) FNN fraction never reaches exactly zero: the expanding direction, finite data,
    //: the thin folds of the attractor and noise leave a floor of a few tenths of a percent to a few percent.
    //: We take the first d with fewer than 5% false neighbours. Noise raises the floor — at the scale of the
    //: noise every neighbour can look "false" — so we also show the curve of the clean x (for comparison
    //: only: an experimenter never has it). In our run the forward column falls to a hundredth of a percent by
    //: d = 4 with the same 1% noise, while the backward one is still at 2.5%: most of the backward floor is the
    //: direction of time, not the noise. Both answers are defensible; the 5% rule picks d = 4 backwards and
    //: d = 3 forwards, and section 6 shows that both reconstruct y and z.
    nb.section("4. Choosing the dimension d")
    let maxDimension = scale.pick(quick: 6, standard: 8)
    let fnnThreshold = 0.05
    let fnn = try falseNearestNeighbours(observed, maxDimension: maxDimension, delay: tau, theilerWindow: theiler)
    let fnnClean = try falseNearestNeighbours(x, maxDimension: maxDimension, delay: tau, theilerWindow: theiler)
    // Forward delays (x(t), x(t+τ), …) are backward delays of the time-reversed series: same vectors, same
    // neighbours, and the added coordinate is the next one in the future.
    let fnnForward = try falseNearestNeighbours(Array(observed.reversed()), maxDimension: maxDimension, delay: tau,
                                                theilerWindow: theiler)
    let cao = try caoDimensionCurves(observed, maxDimension: maxDimension, delay: tau, theilerWindow: theiler)
    let dimensionFNN = fnnDimension(fnn, threshold: fnnThreshold)
    let dimensionCao = caoDimension(cao, threshold: 0.9)
    let d = options.dimension ?? dimensionFNN ?? dimensionCao ?? 3

    var dimensionTable = Table(["d", "FNN % (observed)", "FNN % (clean x)", "FNN % (observed, forward delays)", "E1", "E2"])
    var dimensionFile = nb.data("dimension", header: ["d", "fnn_percent", "fnn_clean_percent", "fnn_forward_percent",
                                                      "e1", "e2", "chosen"])
    for k in 0..<maxDimension {
        dimensionTable.add(k + 1, 100 * fnn[k], 100 * fnnClean[k], 100 * fnnForward[k], cao.e1[k], cao.e2[k])
        dimensionFile.row([Double(k + 1), 100 * fnn[k], 100 * fnnClean[k], 100 * fnnForward[k], cao.e1[k], cao.e2[k],
                           Double(d)])
    }
    nb.table(dimensionTable)
    try nb.save(dimensionFile)
    nb.result("d where false neighbours fall below 5%", dimensionFNN)
    nb.result("the same on the clean x", fnnDimension(fnnClean, threshold: fnnThreshold))
    nb.result("the same with forward delays", fnnDimension(fnnForward, threshold: fnnThreshold))
    nb.result("d where Cao's E1 reaches 0.9", dimensionCao)
    nb.say(options.dimension == nil ? "Chosen: d = \(d)." : "Chosen: d = \(d) (set with --dimension).")

    //: ## 5. The reconstructed attractor
    //:
    //: With τ and d = 3 we can draw the delay vectors (figure `embedded.png`) next to the true attractor
    //: (`attractor.png`). The shapes differ — the embedding is a smooth *deformation* — but the topology is
    //: the same: two lobes, each wound around a hole, joined where the trajectory switches sides.
    nb.section("5. The reconstructed attractor")
    let embedding3 = try delayEmbed(observed, dimension: 3, delay: tau)
    var embeddedFile = nb.data("embedded", header: ["t", "x0", "x1", "x2"])
    // Every second of the first 8 000 vectors: enough to draw the attractor, small enough for a 3-D plot.
    let drawn = stride(from: 0, to: min(embedding3.vectors.rows, 8_000), by: 2)
    for i in drawn {
        let v = embedding3.vectors.row(i)
        embeddedFile.row([Double(embedding3.times[i]) * dt, v[v.startIndex], v[v.startIndex + 1], v[v.startIndex + 2]])
    }
    try nb.save(embeddedFile)
    nb.say("Wrote \(drawn.underestimatedCount) of the \(embedding3.vectors.rows) delay vectors (d = 3, τ = \(tau)) for the figure: "
           + "every second one of the first \(min(embedding3.vectors.rows, 8_000)).")

    //: ## 6. Recovering what we cannot see
    //:
    //: If v(t) determines the state, it determines y(t) and z(t). We test that by **cross mapping**
    //: (Sugihara et al. 2012): fit on the first half of the series, where we pretend y and z are known (a
    //: library of delay vectors with their y, z); on the second half, predict y and z of each delay vector
    //: as the distance-weighted average over its d+1 nearest library vectors (simplex weights), and score
    //: with the held-out R². No parameters are fitted, so a high R² is evidence about the embedding itself.
    //:
    //: Why not a linear read-out? The Lorenz equations are unchanged by (x, y, z) → (−x, −y, z): every
    //: delay vector v has a mirror twin −v with the *same* z. A linear function of v gives them opposite
    //: values, so it cannot represent z; it needs quadratic features at least. y is another matter: the first
    //: equation says y = x + ẋ/σ, linear in x and its rate of change, and a delay vector holds x(t) and a
    //: finite-difference estimate of ẋ, so a linear read-out already gets most of y. We compare the three
    //: decoders at the chosen d, then sweep d and the noise level η.
    nb.section("6. Recovering what we cannot see")
    let embedding = try delayEmbed(observed, dimension: d, delay: tau)
    let hiddenAligned = hidden.selectingRows(embedding.times)
    let linear = try ridgeReconstruction(features: embedding.vectors, targets: hiddenAligned, trainFraction: 0.5)
    let quadratic = try ridgeReconstruction(features: quadraticFeatures(embedding.vectors), targets: hiddenAligned,
                                            trainFraction: 0.5)
    let crossMapped = try crossMap(embedding, targets: hidden, trainFraction: 0.5)
    var decoderTable = Table(["decoder (d = \(d), η = 1%)", "R² of y", "R² of z"])
    decoderTable.add("linear (ridge on v)", linear.r2[0], linear.r2[1])
    decoderTable.add("quadratic (ridge on v ⊗ v)", quadratic.r2[0], quadratic.r2[1])
    decoderTable.add("cross mapping (nearest neighbours)", crossMapped.r2[0], crossMapped.r2[1])
    nb.table(decoderTable)

    //: Now the sweep. Noise blurs each delay vector, and it changes which d is best. Without noise d = 3–4
    //: is best and every further coordinate costs a little (one more direction in which neighbours must also
    //: be close). With noise the best d grows — in our run at η = 0.2, R² of z rises from 0.89 at d = 3 to
    //: 0.93 at d = 8 — because each coordinate carries its own independent noise and more of them average it
    //: out, as a moving average would. The theorem is about clean data; with noise the reconstruction degrades
    //: gracefully but never becomes perfect.
    let noiseLevels = scale.pick(quick: [0.0, 0.05, 0.2], standard: [0.0, 0.01, 0.05, 0.1, 0.2])
    let noisySeries = noiseLevels.enumerated().map { index, eta in
        var rng = SeededRNG(seed: options.common.seed, stream: 10 + UInt64(index))
        return addNoise(x, std: eta * stdX, rng: &rng)
    }
    var reconstructionFile = nb.data("reconstruction", header: ["noise", "d", "r2_y", "r2_z"])
    var reconstructionTable = Table(["η"] + (1...maxDimension).map { "d=\($0)" })
    var r2zAtChosen: [Double] = []
    // Every (η, d) cross map is independent: computed on both cores first, then written in order.
    let sweep = try onEveryCore(noisySeries.count * maxDimension) { item in
        try crossMap(try delayEmbed(noisySeries[item / maxDimension], dimension: item % maxDimension + 1, delay: tau),
                     targets: hidden, trainFraction: 0.5).r2
    }
    for (index, eta) in noiseLevels.enumerated() {
        if eta != noiseLevels.first { reconstructionFile.newBlock() }
        var cells: [Any] = [eta]
        for dim in 1...maxDimension {
            let r2 = sweep[index * maxDimension + dim - 1]
            reconstructionFile.row([eta, Double(dim), r2[0], r2[1]])
            cells.append(r2[1])
            if dim == d { r2zAtChosen.append(r2[1]) }
        }
        reconstructionTable.rows.append(cells.map { ($0 as? Double).map { Format.number($0, digits: 3) } ?? "\($0)" })
    }
    nb.say("Held-out R² of z by cross mapping, by noise level η (rows) and dimension d (columns):")
    nb.table(reconstructionTable)
    try nb.save(reconstructionFile)

    //: ## 7. Forecasting from the embedding
    //:
    //: The same nearest-neighbour idea forecasts: to predict x(t+h), find the library delay vectors closest
    //: to v(t) and average what happened to them h steps later. This is **simplex projection** (Sugihara &
    //: May 1990), the parameter-free baseline that the learned models of later chapters must beat. Its skill
    //: ρ (correlation of forecast and truth) decays with the horizon h, because chaos stretches the small
    //: neighbourhood of v(t) along the unstable direction: after a few Lyapunov times (≈ 110 steps each)
    //: nearby pasts have unrelated futures. Noise lowers the curve from the start, and caps it: ρ is scored
    //: against the *observed* future, itself noisy, so even a perfect forecast of the true x reaches only
    //: 1/√(1 + η²) (0.98 at η = 0.2). Three more things to read the table right: simplex forecasts h steps
    //: ahead *directly* (it looks up what happened h steps later), where chapter 2's models iterate one-step
    //: forecasts; the decay is not monotone — around h = 75–100 ρ rises again a little, because the trajectory
    //: circles a lobe about every 70 steps and a forecast one loop ahead lands where the neighbours' loops
    //: end; and MASE (in the data file) is scaled by persistence at the same h (chapter 2).
    nb.section("7. Forecasting from the embedding")
    let horizons = scale.pick(quick: [1, 5, 20, 50, 100, 200], standard: [1, 2, 5, 10, 20, 35, 50, 75, 100, 150, 200, 300])
    var forecastFile = nb.data("forecast", header: ["noise", "horizon", "rho", "mase"])
    var forecastTable = Table(["η"] + horizons.map { "h=\($0)" })
    var rhoClean: [Double] = []
    let forecasts = try onEveryCore(noisySeries.count * horizons.count) { item in
        try simplexForecast(noisySeries[item / horizons.count], dimension: d, delay: tau,
                            horizon: horizons[item % horizons.count], trainFraction: 0.5)
    }
    for (index, (eta, series)) in zip(noiseLevels, noisySeries).enumerated() {
        if eta != noiseLevels.first { forecastFile.newBlock() }
        var cells = [Format.number(eta, digits: 3)]
        for (hIndex, h) in horizons.enumerated() {
            let forecast = forecasts[index * horizons.count + hIndex]
            let rho = pearson(forecast.predicted, forecast.actual)
            let scaled = mase(actual: forecast.actual, predicted: forecast.predicted, scaleSeries: series, horizon: h)
            forecastFile.row([eta, Double(h), rho, scaled])
            cells.append(Format.number(rho, digits: 3))
            if eta == 0 { rhoClean.append(rho) }
        }
        forecastTable.rows.append(cells)
    }
    nb.say("Forecast skill ρ by noise level η (rows) and horizon h in steps (columns):")
    nb.table(forecastTable)
    try nb.save(forecastFile)

    //: ## 8. What we learned
    //:
    //: * Three delayed copies of one noisy coordinate rebuild the Lorenz attractor well enough to read off
    //:   the coordinates we never measured — but only through a *nonlinear* read-out.
    //: * τ comes from the mutual information; d from false nearest neighbours or Cao's E1. Both are
    //:   heuristics about one trade-off: spread the delay vectors out without losing their relation.
    //: * Noise does not break the embedding; it blurs it, and it caps how far ahead we can forecast.
    //:
    //: A sequence model trained to predict x(t+1) sees exactly what we saw here: the past of x. Chapter 2
    //: trains the simplest such models and asks whether their hidden layers come to contain y and z.
    nb.section("8. What we learned")
    var summary = Table(["quantity", "value"])
    summary.add("delay τ (steps)", tau)
    summary.add("dimension d", d)
    summary.add("R² of z, clean x, d = \(d)", r2zAtChosen.first ?? .nan)
    summary.add("R² of z, η = \(noiseLevels.last!), d = \(d)", r2zAtChosen.last ?? .nan)
    summary.add("forecast ρ, clean, h = \(horizons.first!)", rhoClean.first ?? .nan)
    summary.add("forecast ρ, clean, h = \(horizons.last!)", rhoClean.last ?? .nan)
    nb.table(summary)
}

/// `body(0)`, …, `body(count − 1)` on every core (each item computed the same way wherever it runs), in order.
/// Chapter 1's sweeps are dozens of independent nearest-neighbour searches, each on one thread.
func onEveryCore<T>(_ count: Int, _ body: (Int) throws -> T) throws -> [T] {
    var results = [Result<T, Error>?](repeating: nil, count: count)
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: count) { item in
        let result = Result { try body(item) }
        lock.lock(); results[item] = result; lock.unlock()
    }
    return try results.map { try $0!.get() }
}

//: Exercises for this chapter are in `Exercises/01-takens/`: fill in the functions, then `make grade STUDENT=.` checks
//: your answers (see `docs/assignments.md`).
