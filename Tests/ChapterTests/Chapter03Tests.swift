import Foundation
import Testing
import Notebook

/// Chapter 3 at --quick: data and figures, and the claims: an untrained LRU's state is a delay embedding
/// (nonlinearly; a linear probe cannot find z by symmetry), its memory must fit the delays, training keeps
/// |λ| < 1 and lowers the loss.
@Suite struct Chapter03Tests {
    let chapter = "03-ssm"
    let tables = ["kernels", "eigenvalues", "size", "radius", "training"]

    @Test(arguments: [1, 2])
    func quickRunShowsTheClaims(seed: Int) throws {
        let run = try ChapterRun.quick(chapter, seed: seed)
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == tables.count)

        // An untrained LRU with 64 states, fed clean x: cross mapping from its state recovers z.
        let size = try run.table("size")
        let n = try size.column("N"), zKNN = try size.column("r2_z_knn"), zLinear = try size.column("r2_z_linear")
        let at64 = try #require(n.firstIndex(of: 64))
        #expect(zKNN[at64] >= 0.8)
        // A layer linear in x gives the mirrored trajectory the negated state and the same z: no linear probe
        // can read z from it.
        #expect(zLinear.allSatisfy { $0 < 0.3 })

        // Memory: modes that all remember ~10 steps embed better than modes that all remember ~100.
        let radius = try run.table("radius")
        let r = try radius.column("r"), rz = try radius.column("r2_z_knn")
        let short = try #require(r.firstIndex(of: 0.9)), long = try #require(r.firstIndex(of: 0.99))
        #expect(rz[short] > rz[long])

        // Every eigenvalue, initial or trained, lies strictly inside the unit disk.
        #expect(try run.table("eigenvalues").column("radius").allSatisfy { $0 < 1 })

        // Training works.
        let loss = try run.table("training").column("val_loss")
        #expect(loss.last! < loss.first! / 10)
    }

    @Test(arguments: [["--width", "0"], ["--learning-rate", "0"], ["--nonsense"]])
    func badInputGivesAClearError(arguments: [String]) throws {
        let result = try ChapterRun.execute(chapter, arguments)
        #expect(result.status != 0)
        #expect(result.err.lowercased().contains("error"))
    }
}
