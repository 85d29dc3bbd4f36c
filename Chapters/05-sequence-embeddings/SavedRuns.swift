import Experiments
import Foundation
import Learning
import Notebook

/// Trained models and their curves live in `<data>/models/` (see `Paper000.Store`: parameters, curve and a
/// record with checksums of both). A later run with the same recipe loads them instead of training again;
/// a run whose files do not match their record, or were trained with another recipe, is trained again with a
/// one-line notice (`--retrain` trains everything again). Nothing not written by this workspace is overwritten.
struct SavedRuns {
    let store: Paper000.Store
    let fingerprint: String
    let data: Paper000.DataSpec

    init(dataDirectory: URL, settings: Settings) throws {
        store = Paper000.Store(directory: dataDirectory.appendingPathComponent("models"))
        fingerprint = settings.fingerprint
        data = settings.data
        try FileManager.default.createDirectory(at: store.directory, withIntermediateDirectories: true)
    }

    var directory: URL { store.directory }

    /// The saved curve of `spec` and its parameters loaded into `model`, if they exist for this recipe and match
    /// their record. `notice` hears why a saved run that exists is not reused.
    func load<M: NextStepModel>(_ spec: RunSpec, into model: inout M, notice: (String) -> Void = { _ in }) -> [Evaluation]? {
        let exists = FileManager.default.fileExists(atPath: store.parametersURL(spec).path)
            || FileManager.default.fileExists(atPath: store.curveURL(spec).path)
        switch store.load(spec, into: &model) {
        case .failure(let error):
            if exists { notice("\(error): training it again") }
            return nil
        case .success(let record):
            guard record.recipe == fingerprint else {
                notice("\(spec.name) was trained with another recipe (\(record.recipe)): training it again")
                return nil
            }
            guard let table = try? TSVTable(contentsOf: store.curveURL(spec)), !table.rows.isEmpty else {
                notice("\(spec.name).tsv is not a curve: training it again")
                return nil
            }
            return table.rows.map { Evaluation(row: $0.map { Double($0) ?? .nan }) }
        }
    }

    /// Throws if `spec`'s parameter file exists and this workspace did not write it. The sweep asks for every run
    /// before it trains any, so a file of the reader's stops the chapter at once, not after minutes of training.
    func ensureWritable(_ spec: RunSpec) throws {
        let params = store.parametersURL(spec)
        // Ours if it starts like a parameter file, or if our record of this run names it (a file of ours cut short).
        let recorded = (try? String(contentsOf: store.recordURL(spec), encoding: .utf8)).flatMap(Paper000.Record.init(parsing:))?.run == spec.name
        if !recorded, let head = try? FileHandle(forReadingFrom: params).read(upToCount: 8), !head.isEmpty, head != Data("T2TPARAM".utf8) {
            throw NotebookError("refusing to overwrite \(params.path): it is not a parameter file this workspace wrote")
        }
    }

    func save<M: NextStepModel>(_ spec: RunSpec, model: M, curve: [Evaluation]) throws {
        try ensureWritable(spec)
        let params = store.parametersURL(spec)
        try saveParameters(model, to: params)
        var file = TSVFile(url: store.curveURL(spec), header: Evaluation.columns, provenance: fingerprint)
        for evaluation in curve { file.row(evaluation.row) }
        try file.write()
        try store.seal(spec, data: data, recipe: fingerprint)
    }
}
