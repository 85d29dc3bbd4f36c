import _Differentiation
import Dynamics
import Learning
import LinearAlgebra

/// How well a small nonlinear read-out decodes `targets` from `features` on held-out rows (paper 000's second
/// decoder, after the linear one): an MLP with one hidden layer, trained by full-batch AdamW on the first
/// `trainFraction` of the rows and scored by R² per target column on the rest.
///
/// Features and targets are standardised with the training rows' statistics first, so one learning rate fits
/// every representation whatever its scale. The split is contiguous (pass rows grouped by trajectory to get a
/// trajectory-wise split).
public func mlpDecodeR2(features: Matrix<Double>, targets: Matrix<Double>, trainFraction: Double = 0.5,
                        hidden: Int = 32, steps: Int = 300, learningRate: Double = 1e-2, seed: UInt64 = 0) -> [Double] {
    precondition(features.rows == targets.rows, "mlpDecodeR2: features and targets need the same rows")
    let split = Int(Double(features.rows) * trainFraction)
    precondition(split > 0 && split < features.rows, "mlpDecodeR2: the split leaves no training or test rows")
    let x = ColumnScaling(fitting: features, rows: 0..<split)
    let y = ColumnScaling(fitting: targets, rows: 0..<split)
    let xTrain = x.tensor(features, rows: 0..<split), yTrain = y.tensor(targets, rows: 0..<split)
    var rng = SeededRNG(seed: seed, stream: 77)
    var mlp = MLP<Float>(inputSize: features.cols, hiddenSize: hidden, outputSize: targets.cols, activation: .gelu, rng: &rng)
    var optimizer = AdamW(for: mlp, learningRate: learningRate, weightDecay: 1e-4)
    for _ in 0..<steps {
        let (_, gradient) = valueWithGradient(at: mlp) { m in meanSquaredError(m(xTrain), yTrain) }
        optimizer.update(&mlp, along: gradient)
    }
    let prediction = mlp(x.tensor(features, rows: split..<features.rows))
    let predicted = y.restore(prediction)
    return r2PerColumn(actual: targets.selectingRows(split..<targets.rows), predicted: predicted)
}

/// Per-column mean and standard deviation of some rows, to standardise a matrix into a Float tensor and back.
struct ColumnScaling {
    let mean: [Double], std: [Double]

    init(fitting m: Matrix<Double>, rows: Range<Int>) {
        mean = (0..<m.cols).map { j in rows.reduce(0) { $0 + m[$1, j] } / Double(rows.count) }
        std = (0..<m.cols).map { [mean] j in
            let v = rows.reduce(0) { $0 + (m[$1, j] - mean[j]) * (m[$1, j] - mean[j]) } / Double(rows.count)
            return v > 1e-24 ? v.squareRoot() : 1   // a constant column stays zero after centring
        }
    }

    func tensor(_ m: Matrix<Double>, rows: Range<Int>) -> Tensor<Float> {
        var scalars = [Float]()
        scalars.reserveCapacity(rows.count * m.cols)
        for i in rows { for j in 0..<m.cols { scalars.append(Float((m[i, j] - mean[j]) / std[j])) } }
        return Tensor(shape: [rows.count, m.cols], scalars: scalars)
    }

    func restore(_ t: Tensor<Float>) -> Matrix<Double> {
        let (rows, cols) = (t.shape[0], t.shape[1])
        return Matrix(rows: rows, cols: cols, data: (0..<(rows * cols)).map { Double(t.scalars[$0]) * std[$0 % cols] + mean[$0 % cols] })
    }
}
