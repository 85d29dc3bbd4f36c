//: # Chapter 3 · State-space layers as filtered delay embeddings
//:
//: Chapter 2's models were *handed* a delay vector. A sequence model is handed the raw sequence and must build
//: its own summary of the past. This chapter studies the simplest layer that does so — the linear state-space
//: layer of S4, S4D and the LRU — and shows that before any training it is already a delay embedding in the
//: sense of Sauer, Yorke and Casdagli: a bank of linear filters applied to the history of x.

import _Differentiation
import Dynamics
import Experiments
import Learning
import LinearAlgebra
import Notebook
import SequenceModels

let options = Chapter3.parseOrExit()
let scale = options.common.scale
let seed = options.common.seed

Notebook.run(chapter: "03-ssm", title: "Chapter 3 · State-space layers as filtered delay embeddings",
             options: options.common) { nb in

    //: ## 1. A diagonal linear recurrence is a bank of filters
    //:
    //: The layer keeps N complex numbers, its state s_t, and updates them with
    //:
    //:     s_t = Λ s_{t−1} + Γ B u_t,        y_t = Re(C s_t) + D u_t,
    //:
    //: where Λ = diag(λ_1, …, λ_N) with |λ_n| < 1, B (N×H) and C (H×N) are complex, D (H×H) is real, and
    //: Γ = diag(γ_n) normalises the input. Unrolling the recurrence from s_{−1} = 0,
    //:
    //:     s_t = Σ_{k≥0} Λ^k Γ B u_{t−k},
    //:
    //: so state n is the past input filtered by the kernel γ_n λ_n^k: an exponentially decaying (|λ_n| = r_n),
    //: oscillating (arg λ_n = θ_n) weighting of the lags k = 0, 1, 2, … (figure `kernels.png`). Where chapter 1
    //: picked out the samples x(t), x(t−τ), x(t−2τ), the layer takes N smooth weighted averages of the whole
    //: past: a *filtered delay embedding*. Sauer, Yorke and Casdagli (1991) proved the embedding theorem for
    //: filtered delays over a finite window: almost every such filter bank, with enough filters, is an
    //: embedding too. A bank of exponentially decaying filters over the *whole* past is a related but not
    //: identical case; that linear reservoirs of this kind embed generically was shown later (Hart, Hook &
    //: Dawes 2020; Grigoryeva, Hart & Ortega 2021), and the chapter measures rather than assumes it.
    //:
    //: The same layer has two faces. Run forward step by step it is a recurrence (cheap at inference, O(N) per
    //: step); written as y = K ∗ u with the kernel K_k = Re(C Λ^k Γ B) it is one long causal convolution (the
    //: view S4 trains with). The program checks that both give the same numbers.
    //:
    //: The LRU (Orvieto et al. 2023) parametrises each eigenvalue as λ = exp(−exp(ν) + iθ): whatever real
    //: value gradient descent gives ν, |λ| = exp(−exp(ν)) stays strictly inside the unit circle, so the
    //: recurrence is stable by construction. γ_n = sqrt(1 − |λ_n|²) keeps each state's variance the same
    //: whether its mode is slow or fast.
    nb.section("1. A diagonal linear recurrence is a bank of filters")
    let modes: [(r: Double, theta: Double)] = [(0.8, 0), (0.95, 0.3), (0.99, 0.1), (0.99, 0.6)]
    var kernelFile = nb.data("kernels", header: ["k"] + modes.map { "r = \($0.r), θ = \($0.theta)" })
    for k in 0..<120 {
        kernelFile.row([Double(k)] + modes.map { mode in
            (1 - mode.r * mode.r).squareRoot() * Double.pow(mode.r, Double(k)) * Double.cos(mode.theta * Double(k))
        })
    }
    try nb.save(kernelFile)
    var checkRNG = SeededRNG(seed: seed, stream: 5)
    let small = LRU<Double>(inputSize: 3, stateSize: 8, rng: &checkRNG)
    let input = Tensor<Double>(randomNormal: [2, 64, 3], rng: &checkRNG)
    let recurrent = small(input), convolutional = small.convolve(input)
    let gap = zip(recurrent.scalars, convolutional.scalars).map { abs($0 - $1) }.max() ?? .nan
    nb.result("largest |recurrence − convolution| over 2×64×3 outputs", gap, digits: 2)

    //: ## 2. Where the modes start
    //:
    //: Everything the layer can remember is set by its eigenvalues. Three initialisations are common:
    //:
    //: * **LRU ring** (Orvieto et al. 2023): λ uniform in *area* on the ring r ∈ [0.8, 0.99] (|λ|² uniform, so
    //:   radii crowd slightly towards the outer edge), phases uniform on the circle — time constants 1/(1−r)
    //:   from 5 to 100 steps, every oscillation frequency present.
    //: * **S4D-Lin** (Gu et al. 2022): continuous-time eigenvalues A_n = −½ + iπn, discretised by the
    //:   zero-order hold λ = exp(Δ_n A_n) (so |λ| = exp(−Δ_n/2)). With one step Δ for every state the phases
    //:   Δπn would lie on a linear grid; we draw a step Δ_n per state, as S4D's code does, so the phases Δ_n·πn
    //:   scatter, and a few wrap past π.
    //: * **S4D-Inv**: A_n = −½ + i(N/π)(N/(2n+1) − 1): frequencies crowd towards zero, an approximation of
    //:   S4's HiPPO matrix, which projects the past onto Legendre polynomials.
    //:
    //: Figure `eigenvalues.png` shows all three on the unit disk (Δ drawn log-uniformly from [0.001, 0.1]).
    nb.section("2. Where the modes start")
    let stateSize = scale.pick(quick: 32, standard: 64)
    var initRNG = SeededRNG(seed: seed, stream: 6)
    let initialisations: [(String, LRU<Double>)] = [
        ("LRU ring", LRU<Double>(inputSize: 1, stateSize: stateSize, rng: &initRNG)),
        ("S4D-Lin", LRU<Double>(inputSize: 1, stateSize: stateSize, s4d: .lin, rng: &initRNG)),
        ("S4D-Inv", LRU<Double>(inputSize: 1, stateSize: stateSize, s4d: .inv, rng: &initRNG)),
    ]
    var eigenvalueFile = nb.data("eigenvalues", header: ["init", "re", "im", "radius"])
    var eigenTable = Table(["initialisation", "min |λ|", "max |λ|", "longest memory (steps)"])
    for (index, (name, layer)) in initialisations.enumerated() {
        if index > 0 { eigenvalueFile.newBlock() }
        let lambdas = layer.eigenvalues
        for l in lambdas { eigenvalueFile.row(cells: [.label(name), .number(l.real), .number(l.imaginary), .number(l.length)]) }
        let radii = lambdas.map(\.length)
        eigenTable.add(name, radii.min()!, radii.max()!, 1 / (1 - radii.max()!))
    }
    nb.table(eigenTable)

    //: ## 3. An untrained LRU is already a delay embedding
    //:
    //: Now the experiment. We feed the clean, standardised x of the Lorenz system through an LRU layer with
    //: ring initialisation and *random, untrained* parameters, take its state [Re s_t, Im s_t] (2N real
    //: numbers per time step) as the representation, and ask chapter 1's question: can the unseen y and z be
    //: read from it? (Clean x isolates what the layer does; section 4 shows what the 1% observation noise of
    //: the later sections changes, and section 5 trains on the noisy series.) We use two decoders, each fit on the first half of the series and scored on the second:
    //:
    //: * **cross mapping** (chapter 1): average the y, z of the 4 nearest states in the library — a
    //:   nonlinear, parameter-free test of whether the state *determines* y and z;
    //: * a **linear probe** (chapter 2): ridge regression from the state to y, z.
    //:
    //: Expect the linear probe to fail on z, for chapter 1's reason: this layer is linear in x, the Lorenz
    //: system is symmetric under (x, y, z) → (−x, −y, z), and so every state of the mirrored trajectory is the
    //: negative of the original while z is the same. No linear read-out can follow that. Cross mapping can.
    nb.section("3. An untrained LRU is already a delay embedding")
    let steps = scale.pick(quick: 4_000, standard: 12_000, full: 30_000)
    let task = ObservedLorenz(steps: steps, relativeNoise: 0.01, seed: seed)   // section 5 trains on its noisy x
    let trajectory = task.trajectory
    let cleanX = standardize(observe(trajectory, coordinate: 0)).values
    let noisyX = task.series   // the 1% noisy observation section 5 trains on, for comparison in section 4
    let forgetting = 500   // longest memory at r = 0.99 is 100 steps; drop five of them
    let yz = trajectory.selectingColumns([1, 2]).selectingRows(forgetting..<steps)

    func untrainedStates(_ input: [Double], stateSize n: Int, rMin: Double, rMax: Double, stream: UInt64) -> Matrix<Double> {
        var rng = SeededRNG(seed: seed, stream: stream)
        let layer = LRU<Double>(inputSize: 1, stateSize: n, rMin: rMin, rMax: rMax, rng: &rng)
        return pooledRows(layer.states(Tensor(shape: [1, steps, 1], scalars: input)), warm: forgetting)
    }

    let delayReference = try crossMap(try delayEmbed(cleanX, dimension: 3, delay: 17), targets: trajectory.selectingColumns([1, 2]),
                                      trainFraction: 0.5).r2[1]
    let sizes = scale.pick(quick: [4, 16, 64], standard: [2, 4, 8, 16, 32, 64, 128])
    var sizeFile = nb.data("size", header: ["N", "r2_y_knn", "r2_z_knn", "r2_y_linear", "r2_z_linear", "delay_r2_z"])
    var sizeTable = Table(["N", "R² y (cross map)", "R² z (cross map)", "R² y (linear)", "R² z (linear)"])
    let sizeProbes = try sideBySide(sizes.enumerated().map { i, n in
        { try probe(untrainedStates(cleanX, stateSize: n, rMin: 0.8, rMax: 0.99, stream: 10 + UInt64(i)), targets: yz) }
    })
    for (i, n) in sizes.enumerated() {
        let result = sizeProbes[i]
        sizeFile.row([Double(n), result.crossMapped[0], result.crossMapped[1], result.linear[0], result.linear[1], delayReference])
        sizeTable.add(n, result.crossMapped[0], result.crossMapped[1], result.linear[0], result.linear[1])
    }
    nb.table(sizeTable)
    nb.result("chapter 1's delay embedding (d = 3, τ = 17), R² of z by cross mapping", delayReference)
    try nb.save(sizeFile)

    //: ## 4. How long should the layer remember?
    //:
    //: The embedding needs the state to span about one or two of chapter 1's delays τ ≈ 17 steps. We put all
    //: N eigenvalues on one circle of radius r (phases still spread around it) and sweep r: the time constant
    //: 1/(1 − r) is how many steps a mode remembers. The table shows the clean x and, beside it, the 1% noisy
    //: observation the later sections use.
    //:
    //: * **Too short a memory** holds little more than x(t) and its last few values. On clean x that is
    //:   enough — a few consecutive values give x and its derivatives, which determine the state — but those
    //:   differences are exactly what 1% noise ruins, so on the observed series short memories fall behind.
    //: * **About one delay** of memory (r ≈ 0.9–0.95) is best on both.
    //: * **A very long memory** fails for two reasons that have nothing to do with chaos "making the past
    //:   irrelevant". With γ = √(1 − |λ|²) every mode has the same variance only for *white* input; x is
    //:   smooth, so the slowest modes integrate it into large, slowly drifting values that dominate Euclidean
    //:   distances, and nearest neighbours are then chosen by where the trajectory was long ago. And at
    //:   r = 0.999 the memory (1 000 steps) is longer than the 500 steps we let the state settle (0.999⁵⁰⁰ ≈
    //:   0.61 of the initial zero state is still there), so the states early in the library half are not yet
    //:   distributed like those of the test half: a start-up transient, which a negative R² reports.
    nb.section("4. How long should the layer remember?")
    let radii = scale.pick(quick: [0.5, 0.9, 0.99], standard: [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999])
    var radiusFile = nb.data("radius", header: ["r", "memory", "r2_z_knn", "r2_z_linear", "r2_z_knn_noisy"])
    var radiusTable = Table(["r", "memory (steps)", "R² z (cross map)", "R² z (linear)", "R² z (cross map, 1% noise)"])
    // Each (r, series) probe is independent and single-threaded: they run side by side, one per core.
    let probes = try sideBySide(radii.enumerated().flatMap { i, r in
        [cleanX, noisyX].map { input in
            { try probe(untrainedStates(input, stateSize: stateSize, rMin: r, rMax: r, stream: 30 + UInt64(i)), targets: yz) }
        }
    })
    for (i, r) in radii.enumerated() {
        let (result, noisy) = (probes[2 * i], probes[2 * i + 1])
        radiusFile.row([r, 1 / (1 - r), result.crossMapped[1], result.linear[1], noisy.crossMapped[1]])
        radiusTable.add(r, 1 / (1 - r), result.crossMapped[1], result.linear[1], noisy.crossMapped[1])
    }
    nb.table(radiusTable)
    try nb.save(radiusFile)

    //: ## 5. Training the LRU model
    //:
    //: Paper 000's state-space model wraps the layer: a linear encoder lifts x to H channels, a LayerNorm, the
    //: LRU, another LayerNorm, and an MLP read-out predicts x(t+1) at every position. We train it on chapter
    //: 2's task — next-step MSE, teacher forced, AdamW with warm-up and cosine decay — but on whole sequences
    //: of the noisy (η = 1%) observation instead of delay vectors.
    //:
    //: Backpropagation through time has a pleasing form here. The loss depends on s_t, and s_t feeds s_{t+1},
    //: so the gradient with respect to s_t collects the gradient from step t plus λ̄ times the gradient with
    //: respect to s_{t+1}: ḡ_t = ∂L/∂s_t + λ̄ ḡ_{t+1}. The gradient of a linear recurrence *is* a linear
    //: recurrence with the conjugate coefficient, run backwards in time (`Sources/SequenceModels/LRU+Scan.swift`).
    //:
    //: The encoder and LayerNorm make the input to the LRU a nonlinear function of x(t), which breaks the
    //: x → −x symmetry: now even a linear probe finds much of z, already at initialisation.
    //:
    //: Read the table below the way chapter 2 taught us: the held-out loss falls by orders of magnitude, while
    //: the decoding scores barely move. Training makes the model a much better *forecaster*; most of what its
    //: state knows about y and z it knew at initialisation. (Cross mapping scores lower here than in section 3
    //: because it has only a few thousand noisy held-out states to search, in 2N dimensions. The held-out MSE
    //: counts every position, the first 100 of each sequence too, where the state is still filling up from
    //: zero; the decoding scores leave those out.)
    nb.section("5. Training the LRU model")
    let width = options.width ?? scale.pick(quick: 16, standard: 32)
    let length = scale.pick(quick: 200, standard: 500)
    let batchSize = 10
    let trainingSteps = scale.pick(quick: 150, standard: 1_500, full: 5_000)
    let batches = try SequenceBatches(task: task, length: length)
    let validationInput = batches.inputs(batches.validationStarts)
    let validationTarget = batches.targets(batches.validationStarts)
    let warm = min(100, length / 2)   // each validation sequence starts from a zero state
    let validationYZ = batches.validationHidden(warm: warm)

    var modelRNG = SeededRNG(seed: seed, stream: 3)
    var model = LRUModel<Float>(width: width, stateSize: width, readoutHidden: 50, rng: &modelRNG)
    let initialEigenvalues = model.lru.eigenvalues
    var batchRNG = SeededRNG(seed: seed, stream: 4)
    let batchStarts = batches.trainingStarts(steps: trainingSteps, batchSize: batchSize, rng: &batchRNG)

    var trainingFile = nb.data("training", header: ["step", "val_loss", "r2_z_knn", "r2_z_linear"])
    var evaluations: [(step: Int, loss: Double, probe: ProbeResult)] = []
    func evaluate(_ step: Int, _ model: LRUModel<Float>) {
        let loss = Double(meanSquaredError(model(validationInput), validationTarget).scalar)
        let states = pooledRows(model.hiddenStates(validationInput), warm: warm)
        let probed = (try? probe(states, targets: validationYZ)) ?? .failed
        trainingFile.row([Double(step), loss, probed.crossMapped[1], probed.linear[1]])
        evaluations.append((step, loss, probed))
    }
    evaluate(0, model)

    let bar = nb.progress("training the LRU model", total: trainingSteps)
    var trainer = Trainer.adamWWarmupCosine(for: model, learningRate: options.training.learningRate, steps: trainingSteps,
                                  evaluate: evaluate, progress: { step, loss in bar.update(step, "loss \(Format.number(loss, digits: 3))") })
    let report: TrainingReport
    do {
        report = try trainer.fit(&model, steps: trainingSteps) { model, step in
            let starts = withoutDerivative(at: batchStarts[step - 1])
            return meanSquaredError(model(batches.inputs(starts)), batches.targets(starts))
        }
    } catch let error as TrainingError {
        bar.finish()
        throw NotebookError.diverged(error, learningRate: options.training.learningRate)
    }
    bar.finish()
    nb.timing("LRU model: \(Format.number(report.stepsPerSecond, digits: 3)) steps/s, batch \(batchSize) × \(length) steps")
    nb.result("LRU model parameters (H = N = \(width))", model.parameterCount)
    var trainingTable = Table(["step", "held-out MSE", "R² z (cross map)", "R² z (linear)"])
    for e in evaluations { trainingTable.add(e.step, e.loss, e.probe.crossMapped[1], e.probe.linear[1]) }
    nb.table(trainingTable)
    try nb.save(trainingFile)

    eigenvalueFile.newBlock()
    for l in model.lru.eigenvalues { eigenvalueFile.row(cells: ["trained", .number(l.real), .number(l.imaginary), .number(l.length)]) }
    try nb.save(eigenvalueFile)
    let trainedRadii = model.lru.eigenvalues.map(\.length)
    // |λ| < 1 holds by construction (λ = exp(−exp(ν) + iθ)); what training did is how far the eigenvalues moved.
    nb.result("largest |λ| after training (below 1 by construction)", trainedRadii.max()!, digits: 6)
    let moved = zip(initialEigenvalues, model.lru.eigenvalues).map { ($0 - $1).length }
    nb.result("largest |λ_trained − λ_initial|", moved.max()!, digits: 3)
    nb.result("median |λ_trained − λ_initial|", moved.sorted()[moved.count / 2], digits: 3)

    //: ## 6. What we learned
    //:
    //: * A diagonal linear state-space layer is a bank of decaying, oscillating filters of the past: a
    //:   filtered delay embedding. Its eigenvalues set what it can remember.
    //: * Untrained, with random parameters, its state already determines the unseen y and z about as well as
    //:   chapter 1's hand-tuned delay coordinates — provided the decoder may be nonlinear and the memory spans
    //:   the relevant delays. This inductive bias is paper 000's explanation for why SSMs beat transformers at
    //:   initialisation; chapter 5 measures it side by side.
    //: * Training improves the forecast far more than it changes what the state encodes; it keeps the
    //:   eigenvalues inside the unit disk (the exp(−exp(ν)) parametrisation), and its gradient is itself a
    //:   linear recurrence run backwards.
    //:
    //: Chapter 4 builds the other kind of sequence layer, attention, which has no built-in memory at all and
    //: must learn which lags to read.
    nb.section("6. What we learned")
    let first = evaluations.first!, last = evaluations.last!
    var summary = Table(["quantity", "value"])
    summary.add("untrained LRU (N = \(sizes.last!)), R² of z by cross mapping", try TSVTable(contentsOf: sizeFile.url).column("r2_z_knn").last!)
    summary.add("delay embedding (d = 3), R² of z by cross mapping", delayReference)
    summary.add("LRU model: held-out MSE at init → trained", "\(Format.number(first.loss)) → \(Format.number(last.loss))")
    summary.add("LRU model: R² of z (linear) at init → trained",
                "\(Format.number(first.probe.linear[1])) → \(Format.number(last.probe.linear[1]))")
    nb.table(summary)
}

//: Exercises for this chapter are in `Exercises/03-ssm/`: fill in the functions, then `make grade STUDENT=.` checks
//: your answers (see `docs/assignments.md`).
