import Testing
import Dynamics
import LinearAlgebra

@Test("Causal embedding of 0…9 with d = 3, τ = 2: rows (t, t−2, t−4) for t = 4…9")
func embeddingEntriesAndTimes() throws {
    let s = (0..<10).map(Double.init)
    let e = try delayEmbed(s, dimension: 3, delay: 2)
    #expect(e.vectors.rows == 6 && e.vectors.cols == 3)
    #expect(e.times == [4, 5, 6, 7, 8, 9])
    #expect(e.window == 4)
    for (r, t) in e.times.enumerated() {
        #expect(Array(e.vectors.row(r)) == [Double(t), Double(t - 2), Double(t - 4)])
    }
}

@Test("The time index aligns unobserved coordinates with each delay vector")
func embeddingAlignsTargets() throws {
    let trajectory = lorenzTrajectory(steps: 200)
    let e = try delayEmbed(observe(trajectory), dimension: 4, delay: 7)
    let z = trajectory.selectingColumns([2]).selectingRows(e.times)
    for r in [0, 50, e.vectors.rows - 1] {
        let t = e.times[r]
        #expect(e.vectors[r, 0] == trajectory[t, 0])
        #expect(e.vectors[r, 3] == trajectory[t - 21, 0])
        #expect(z[r, 0] == trajectory[t, 2])
    }
}

@Test("d = 1 is the series itself; the shortest valid series gives one row")
func embeddingEdgeCases() throws {
    let s: [Double] = [3, 1, 4, 1, 5]
    let one = try delayEmbed(s, dimension: 1, delay: 9)
    #expect(one.vectors.data == s && one.times == [0, 1, 2, 3, 4])
    let tight = try delayEmbed(s, dimension: 3, delay: 2)
    #expect(tight.times == [4] && tight.vectors.data == [5, 4, 3])
}

@Test("Invalid τ, d, or a too-short series throw DynamicsError")
func embeddingErrors() {
    let s: [Double] = [1, 2, 3, 4]
    #expect(throws: DynamicsError.invalidDelay(0)) { try delayEmbed(s, dimension: 2, delay: 0) }
    #expect(throws: DynamicsError.invalidDimension(0)) { try delayEmbed(s, dimension: 0, delay: 1) }
    #expect(throws: DynamicsError.seriesTooShort(length: 4, needed: 5)) { try delayEmbed(s, dimension: 3, delay: 2) }
    #expect(DynamicsError.invalidDelay(0).description.contains("τ"))
}
