import Foundation
import Learning
import Notebook

/// Trained models and their curves live in `<data>/models/`: `<run>.params` (the parameters) and `<run>.tsv`
/// (its evaluations, with the recipe in the first line). A later run with the same recipe loads them instead
/// of training again (`--retrain` forces training). Nothing not written by this workspace is overwritten.
struct SavedRuns {
    let directory: URL
    let fingerprint: String

    init(dataDirectory: URL, fingerprint: String) throws {
        directory = dataDirectory.appendingPathComponent("models")
        self.fingerprint = fingerprint
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func parametersURL(_ spec: RunSpec) -> URL { directory.appendingPathComponent(spec.name + ".params") }
    func curveURL(_ spec: RunSpec) -> URL { directory.appendingPathComponent(spec.name + ".tsv") }

    /// The saved curve of `spec` and its parameters loaded into `model`, if both exist for this recipe.
    func load<M: NextStepModel>(_ spec: RunSpec, into model: inout M) -> [Evaluation]? {
        guard let text = try? String(contentsOf: curveURL(spec), encoding: .utf8),
              text.hasPrefix("\(TSVFile.marker) \(fingerprint)\n"),
              let table = try? TSVTable(contentsOf: curveURL(spec)),
              (try? loadParameters(into: &model, from: parametersURL(spec))) != nil else { return nil }
        let rows = table.rows.map { $0.map { Double($0) ?? .nan } }
        return rows.isEmpty ? nil : rows.map(Evaluation.init(row:))
    }

    func save<M: NextStepModel>(_ spec: RunSpec, model: M, curve: [Evaluation]) throws {
        let params = parametersURL(spec)
        if let head = try? FileHandle(forReadingFrom: params).read(upToCount: 8), head != Data("T2TPARAM".utf8) {
            throw NotebookError("refusing to overwrite \(params.path): it is not a parameter file this workspace wrote")
        }
        try saveParameters(model, to: params)
        var file = TSVFile(url: curveURL(spec), header: Evaluation.columns, provenance: fingerprint)
        for evaluation in curve { file.row(evaluation.row) }
        try file.write()
    }
}
