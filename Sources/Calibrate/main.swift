// `make calibrate`: every chapter at --quick over many seeds and several compute configurations, and what each
// chapter claim's number did, written to docs/calibration.md. The chapter tests' bounds are set from that table
// (issue 17: a bound comes from a calibration over ≥ 10 seeds and several configurations, never from one run).
// Not part of `make test`: it runs the chapters a few hundred times (about half an hour on two cores).
import ArgumentParser
import ChapterClaims
import Compute
import Foundation
import Notebook

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Run every chapter at --quick over seeds and compute configurations; tabulate each claim's number.")

    @Option(help: "Seeds 1…N.")
    var seeds = 10

    @Option(help: "Configurations, comma-separated (default: every one this CPU can run; `calibrate --list` names them).")
    var configurations: String?

    @Option(help: "Chapters, comma-separated numbers (default: all), e.g. 05,07.")
    var chapters: String?

    @Option(help: "Chapter runs at a time.")
    var jobs = 1

    @Option(help: "The raw numbers, one line per claim, configuration and seed (committed beside the report; --resume and --report-only read it).")
    var raw = "docs/calibration-raw.tsv"

    @Option(help: "The report.")
    var report = "docs/calibration.md"

    @Flag(help: "Keep the numbers already in --raw and run only what is missing.")
    var resume = false

    @Flag(help: "List the configurations and exit.")
    var list = false

    @Flag(help: "Run nothing: write the report again from the raw numbers (after a bound changed).")
    var reportOnly = false

    func validate() throws {
        guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        for name in selectedConfigurationNames where !CalibrationConfiguration.all.contains(where: { $0.name == name }) {
            throw ValidationError("unknown configuration '\(name)'; choose from "
                                  + CalibrationConfiguration.all.map(\.name).joined(separator: ", "))
        }
        for c in selectedChapters where !ChapterClaims.chapters.contains(c) {
            throw ValidationError("unknown chapter in --chapters: \(c)")
        }
    }

    var selectedConfigurationNames: [String] {
        configurations.map { $0.split(separator: ",").map(String.init) } ?? CalibrationConfiguration.all.map(\.name)
    }

    var selectedChapters: [String] {
        guard let chapters else { return ChapterClaims.chapters }
        return chapters.split(separator: ",").map { n in ChapterClaims.chapters.first { $0.hasPrefix(n) } ?? String(n) }
    }

    func run() throws {
        if list {
            for c in CalibrationConfiguration.all { print("\(c.name)\t\(c.summary)") }
            return
        }
        let here = try ComputeConfiguration.validated()
        let runnable = CalibrationConfiguration.all.filter {
            selectedConfigurationNames.contains($0.name) && $0.requiredLevel <= here.vectorLevel
        }
        for skipped in CalibrationConfiguration.all where selectedConfigurationNames.contains(skipped.name)
            && !runnable.contains(where: { $0.name == skipped.name }) {
            print("skipping \(skipped.name): this CPU lacks \(ComputeConfiguration.levelName(skipped.requiredLevel))")
        }
        let rawURL = URL(fileURLWithPath: raw, relativeTo: ChapterRunner.root)
        let store = try RawStore(url: rawURL)
        var tasks = [(CalibrationConfiguration, String, Int)]()
        for c in runnable where !reportOnly { for chapter in selectedChapters { for seed in 1...seeds where !(resume && store.has(c.name, chapter, seed)) {
            tasks.append((c, chapter, seed))
        } } }
        print("calibrating \(tasks.count) chapter runs on \(here.cpu) (\(jobs) at a time); raw numbers → \(raw)")
        let started = Date()
        let progress = ProgressBar("calibrate", total: tasks.count)
        let lock = NSLock()
        nonisolated(unsafe) var done = 0
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            var i = worker
            while i < tasks.count {
                let (configuration, chapter, seed) = tasks[i]
                let runStarted = Date()
                let outcome = measure(configuration, chapter, seed)
                let seconds = Date().timeIntervalSince(runStarted)
                lock.lock()
                store.append(outcome, configuration.name, chapter, seed, seconds: seconds)
                done += 1
                progress.update(done, "\(configuration.name) ch\(chapter.prefix(2)) seed \(seed)")
                if !ProgressBar.isTerminal && (done % 20 == 0 || done == tasks.count) {
                    print("  \(done)/\(tasks.count) runs (\(Format.duration(Date().timeIntervalSince(started))))")
                    fflush(stdout)
                }
                lock.unlock()
                i += jobs
            }
        }
        progress.finish()
        try store.save()
        // The report covers every selected configuration with numbers (on another CPU, --report-only keeps the rows
        // it cannot run itself).
        let reported = CalibrationConfiguration.all.filter { c in
            selectedConfigurationNames.contains(c.name) && store.measurements.contains { $0.configuration == c.name }
        }
        let measurements = store.measurements.filter { m in reported.contains { $0.name == m.configuration } }
        let report = CalibrationReport(
            measurements: measurements, failures: store.failures, configurations: reported, seeds: Array(1...seeds),
            machine: "\(here.cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, best vector level "
                + "\(ComputeConfiguration.levelName(Int32(here.vectorLevel)))",
            commit: Self.shell("git", "rev-parse", "--short", "HEAD") ?? "unknown",
            date: ISO8601DateFormatter().string(from: Date()).prefix(10).description)

        let reportURL = URL(fileURLWithPath: self.report, relativeTo: ChapterRunner.root)
        try report.markdown.write(to: reportURL, atomically: true, encoding: .utf8)
        let broken = ChapterClaims.all.filter { claim in
            claim.isTested && measurements.contains { $0.claim == claim.id && !claim.bound.holds($0.value) }
        }
        print("wrote \(self.report): \(ChapterClaims.all.count) claims, \(measurements.count) numbers; "
              + (broken.isEmpty ? "every claim held on every run" : "\(broken.count) claim(s) broke on some run: "
                 + broken.map(\.id).joined(separator: ", ")))
        if !store.failures.isEmpty { print("\(store.failures.count) run(s) failed; see the report") }
    }

    /// Runs one chapter once and measures its claims; a claim whose number cannot be read is NaN (never holds).
    func measure(_ configuration: CalibrationConfiguration, _ chapter: String, _ seed: Int) -> Result<[String: Double], Error> {
        let runner = ChapterRunner(environment: configuration.environment, clearing: ["T2T_", "OPENBLAS_"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-calibrate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let output = try runner.quick(chapter, seed: seed, into: dir)
            var values = [String: Double]()
            for claim in ChapterClaims.of(chapter) { values[claim.id] = (try? claim.value(in: output)) ?? .nan }
            return .success(values)
        } catch {
            return .failure(error)
        }
    }

    static func shell(_ arguments: String...) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = ChapterRunner.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }
}

Calibrate.main()
