import ChapterClaims
import Foundation
import Notebook
import Testing

/// The chapter claims' bounds against their calibration (docs/calibration-raw.tsv, written by `make calibrate`):
/// every claim was measured over ≥ 10 seeds on ≥ 3 compute configurations, held on every one of those runs, and
/// keeps a margin beyond the worst of them. A bound edited without a calibration behind it fails here, and so does
/// a claim added without one.
@Suite struct CalibrationTests {
    static let raw = ChapterRunner.root.appendingPathComponent("docs/calibration-raw.tsv")
    static let report = ChapterRunner.root.appendingPathComponent("docs/calibration.md")

    /// The worst run must stay inside the bound by at least this fraction of the range seen over all runs (for a
    /// claim whose number varied at all): a configuration not calibrated here may stretch that range a little.
    static let marginOfSpread = 0.2

    struct Numbers {
        var values: [Double] = []
        var seeds = Set<Int>()
        var configurations = Set<String>()
    }

    static let numbers: [String: Numbers] = {
        guard let table = try? TSVTable(contentsOf: raw) else { return [:] }
        var numbers = [String: Numbers]()
        for row in table.rows where row.count == 5 {
            numbers[row[0], default: Numbers()].values.append(Double(row[4]) ?? .nan)
            numbers[row[0]]!.seeds.insert(Int(row[3]) ?? 0)
            numbers[row[0]]!.configurations.insert(row[1])
        }
        return numbers
    }()

    @Test func everyClaimHasARowInTheReport() throws {
        let report = try String(contentsOf: Self.report, encoding: .utf8)
        for claim in ChapterClaims.all { #expect(report.contains("| `\(claim.id)` |"), "\(claim.id) has no row in docs/calibration.md") }
        #expect(Set(ChapterClaims.all.map(\.id)).count == ChapterClaims.all.count, "two claims share an id")
    }

    @Test(arguments: ChapterClaims.all.map(\.id))
    func boundHoldsOnEveryCalibrationRunWithAMargin(id: String) throws {
        let claim = try #require(ChapterClaims.all.first { $0.id == id })
        let n = try #require(Self.numbers[id], "\(id): no calibration numbers; run `make calibrate`")
        #expect(n.seeds.count >= 10, "\(id): only \(n.seeds.count) seeds calibrated")
        #expect(n.configurations.count >= 3, "\(id): only \(n.configurations.count) configurations calibrated")
        guard claim.isTested else { return }   // measured only: the report shows how far it is from holding
        let broken = n.values.filter { !claim.bound.holds($0) }
        #expect(broken.isEmpty, "\(id): bound \(claim.bound) broken by \(broken.count) of \(n.values.count) runs, e.g. \(broken.prefix(3))")
        let worstMargin = n.values.map { claim.margin($0) }.min() ?? -.infinity
        let spread = claim.spread(n.values)
        if spread > 0 {
            let scale = claim.logScale ? " (log₁₀)" : ""
            #expect(worstMargin >= Self.marginOfSpread * spread,
                    "\(id): the worst run is only \(worstMargin) inside \(claim.bound)\(scale); the runs spread over \(spread)")
        }
    }
}
