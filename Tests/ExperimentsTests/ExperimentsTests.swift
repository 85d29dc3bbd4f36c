import Testing
import Experiments
import Learning
import LinearAlgebra

/// The shared protocol must hand every chapter the same, correctly aligned data.
@Suite struct ExperimentsTests {
    @Test func sameSeedSameTaskAndStandardisedTrainingPart() {
        let a = ObservedLorenz(steps: 3_000, relativeNoise: 0.01, seed: 4)
        let b = ObservedLorenz(steps: 3_000, relativeNoise: 0.01, seed: 4)
        #expect(a.series == b.series)
        let train = Array(a.series[..<a.split])
        #expect(abs(mean(train)) < 1e-9)
        #expect(abs(standardDeviation(train) - 1) < 1e-3)
    }

    @Test func targetsAreInputsOneStepLaterAndHiddenRowsLineUp() throws {
        let task = ObservedLorenz(steps: 3_000, relativeNoise: 0, seed: 5)
        let batches = try SequenceBatches(task: task, length: 50)
        let inputs = batches.inputs([10, 200]), targets = batches.targets([10, 200])
        #expect(inputs.shape == [2, 50, 1])
        #expect(inputs.scalars[1] == targets.scalars[0])
        #expect(inputs.scalars[50] == Float(task.series[200]))
        for start in batches.validationStarts { #expect(start >= task.split) }
        let hidden = batches.validationHidden(warm: 20)
        #expect(hidden.rows == batches.validationStarts.count * 30)
        #expect(hidden[0, 1] == task.trajectory[batches.validationStarts[0] + 20, 2])
        var rng = SeededRNG(seed: 1)
        let starts = batches.trainingStarts(steps: 5, batchSize: 4, rng: &rng).flatMap { $0 }
        #expect(starts.allSatisfy { $0 + 51 <= task.split })
    }

    @Test func pooledRowsSkipsTheWarmUpOfEverySequence() {
        let t = Tensor<Double>(shape: [2, 3, 2], scalars: (0..<12).map(Double.init))
        let rows = pooledRows(t, warm: 1)
        #expect(rows == Matrix(rowArrays: [[2, 3], [4, 5], [8, 9], [10, 11]]))
    }

    @Test func tooShortASeriesIsAClearError() {
        #expect(throws: ExperimentError.self) {
            try SequenceBatches(task: ObservedLorenz(steps: 300, relativeNoise: 0, seed: 1), length: 500)
        }
    }
}
