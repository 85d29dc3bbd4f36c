import ChapterClaims
import Foundation
import Notebook

/// The raw numbers of a calibration (docs/calibration-raw.tsv): one line per claim, configuration, chapter and seed,
/// plus each run's wall time as the pseudo-claim "(seconds)". Every finished run is appended at once, so an
/// interrupted calibration resumes (`--resume`) where it stopped; rerunning some configurations or chapters replaces
/// only their lines.
final class RawStore: @unchecked Sendable {
    let url: URL
    private(set) var measurements: [Measurement] = []
    static let secondsClaim = "(seconds)"
    static let failedClaim = "(failed)"
    static let header = "claim\tconfiguration\tchapter\tseed\tvalue"

    init(url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        var latest = [String: [Measurement]]()   // a run appended later replaces an earlier one
        for row in try TSVTable(contentsOf: url).rows where row.count == 5 {
            let m = Measurement(claim: row[0], configuration: row[1], chapter: row[2], seed: Int(row[3]) ?? 0,
                                value: Double(row[4]) ?? .nan)
            if m.claim == Self.secondsClaim { latest[key(m.configuration, m.chapter, m.seed)] = [] }
            latest[key(m.configuration, m.chapter, m.seed), default: []].append(m)
        }
        measurements = latest.values.flatMap { $0 }
    }

    private func key(_ configuration: String, _ chapter: String, _ seed: Int) -> String { "\(configuration)|\(chapter)|\(seed)" }

    func has(_ configuration: String, _ chapter: String, _ seed: Int) -> Bool {
        measurements.contains { $0.configuration == configuration && $0.chapter == chapter && $0.seed == seed }
    }

    /// Runs that did not finish, with the first line of the reason.
    var failures: [String] {
        measurements.filter { $0.claim.hasPrefix(Self.failedClaim) }
            .map { "\($0.configuration) \($0.chapter) seed \($0.seed): \($0.claim.dropFirst(Self.failedClaim.count + 1))" }
    }

    /// Records one run (call under a lock), replacing an earlier run of the same configuration, chapter and seed,
    /// and appends it to the file.
    func append(_ outcome: Result<[String: Double], Error>, _ configuration: String, _ chapter: String, _ seed: Int,
                seconds: Double) {
        measurements.removeAll { $0.configuration == configuration && $0.chapter == chapter && $0.seed == seed }
        var new = [Measurement(claim: Self.secondsClaim, configuration: configuration, chapter: chapter, seed: seed, value: seconds)]
        switch outcome {
        case .success(let values):
            new += values.sorted { $0.key < $1.key }.map {
                Measurement(claim: $0.key, configuration: configuration, chapter: chapter, seed: seed, value: $0.value)
            }
        case .failure(let error):
            let reason = "\(error)".split(separator: "\n").first.map(String.init) ?? "failed"
            new.append(Measurement(claim: "\(Self.failedClaim) \(reason.replacingOccurrences(of: "\t", with: " "))",
                                   configuration: configuration, chapter: chapter, seed: seed, value: .nan))
        }
        measurements += new
        if !FileManager.default.fileExists(atPath: url.path) {
            try? "# t2t calibrate raw numbers\n\(Self.header)\n".write(to: url, atomically: true, encoding: .utf8)
        }
        if let handle = try? FileHandle(forWritingTo: url) {
            handle.seekToEndOfFile()
            handle.write(Data(new.map(line).joined().utf8))
            try? handle.close()
        }
    }

    /// Rewrites the file without replaced runs, sorted, so that it diffs well.
    func save() throws {
        let sorted = measurements.sorted {
            ($0.configuration, $0.chapter, $0.seed, $0.claim) < ($1.configuration, $1.chapter, $1.seed, $1.claim)
        }
        try ("# t2t calibrate raw numbers\n\(Self.header)\n" + sorted.map(line).joined())
            .write(to: url, atomically: true, encoding: .utf8)
    }

    private func line(_ m: Measurement) -> String {
        [m.claim, m.configuration, m.chapter, "\(m.seed)", Format.data(m.value)].joined(separator: "\t") + "\n"
    }
}
