import Foundation
import Learning

extension Paper000 {
    /// Where chapter 5 keeps a trained run, and how any chapter finds it again.
    ///
    /// A run is three files in one folder: `<name>.params` (the parameters), `<name>.tsv` (its evaluations,
    /// written by chapter 5) and `<name>.run`, a record of what the other two are: the run, the data it was
    /// trained on, the recipe, and a checksum of each file. A reader trusts the files only when the record
    /// matches them, so two swapped or edited files, or one cut short, are noticed — and retrained or refused —
    /// rather than silently reused.
    public struct Store: Sendable {
        public let directory: URL

        public init(directory: URL) { self.directory = directory }

        public func parametersURL(_ run: Run) -> URL { directory.appendingPathComponent(run.name + ".params") }
        public func curveURL(_ run: Run) -> URL { directory.appendingPathComponent(run.name + ".tsv") }
        public func recordURL(_ run: Run) -> URL { directory.appendingPathComponent(run.name + ".run") }

        /// The record of `run`, if one exists and both files still match it; otherwise why not.
        public func record(_ run: Run) -> Result<Record, StoreError> {
            guard let text = try? String(contentsOf: recordURL(run), encoding: .utf8) else {
                return .failure(StoreError("no saved run \(run.name) in \(directory.path)"))
            }
            guard let record = Record(parsing: text), record.run == run.name else {
                return .failure(StoreError("\(recordURL(run).lastPathComponent) is not a record of \(run.name)"))
            }
            guard let params = try? Data(contentsOf: parametersURL(run)), checksum(params) == record.parametersChecksum else {
                return .failure(StoreError("\(run.name).params does not match its record (edited, swapped or cut short)"))
            }
            guard let curve = try? Data(contentsOf: curveURL(run)), checksum(curve) == record.curveChecksum else {
                return .failure(StoreError("\(run.name).tsv does not match its record (edited, swapped or cut short)"))
            }
            return .success(record)
        }

        /// Loads the parameters of `run` into `model` when the record matches (see `record`).
        public func load<M: ParameterVisitable>(_ run: Run, into model: inout M) -> Result<Record, StoreError> {
            let found = record(run)
            guard case .success = found else { return found }
            do { try loadParameters(into: &model, from: parametersURL(run)) } catch {
                return .failure(StoreError("\(run.name).params does not fit the model: \(error)"))
            }
            return found
        }

        /// Writes the record for `run` after its parameter and curve files are written.
        public func seal(_ run: Run, data: DataSpec, recipe: String) throws {
            let record = Record(run: run.name, input: data.input, length: data.length, trajectories: data.trainingTrajectories,
                                recipe: recipe,
                                parametersChecksum: checksum(try Data(contentsOf: parametersURL(run))),
                                curveChecksum: checksum(try Data(contentsOf: curveURL(run))))
            try Data(record.text.utf8).write(to: recordURL(run), options: .atomic)
        }
    }

    /// What a saved run is: one `key = value` per line, readable by a person.
    public struct Record: Equatable, Sendable {
        public static let header = "# t2t paper-000 run record v1"
        public let run: String
        public let input: InputScaling
        public let length: Int
        public let trajectories: Int
        public let recipe: String
        public let parametersChecksum: String
        public let curveChecksum: String

        public init(run: String, input: InputScaling, length: Int, trajectories: Int, recipe: String,
                    parametersChecksum: String, curveChecksum: String) {
            self.run = run
            self.input = input
            self.length = length
            self.trajectories = trajectories
            self.recipe = recipe
            self.parametersChecksum = parametersChecksum
            self.curveChecksum = curveChecksum
        }

        public var text: String {
            [Record.header, "run = \(run)", "input = \(input.rawValue)", "length = \(length)", "trajectories = \(trajectories)",
             "recipe = \(recipe)", "params = \(parametersChecksum)", "curve = \(curveChecksum)"].joined(separator: "\n") + "\n"
        }

        public init?(parsing text: String) {
            let lines = text.split(separator: "\n").map(String.init)
            guard lines.first == Record.header else { return nil }
            var values = [String: String]()
            for line in lines.dropFirst() {
                guard let eq = line.range(of: " = ") else { return nil }
                values[String(line[..<eq.lowerBound])] = String(line[eq.upperBound...])
            }
            guard let run = values["run"], let input = values["input"].flatMap(InputScaling.init(rawValue:)),
                  let length = values["length"].flatMap(Int.init), let trajectories = values["trajectories"].flatMap(Int.init),
                  let recipe = values["recipe"], let params = values["params"], let curve = values["curve"] else { return nil }
            self.init(run: run, input: input, length: length, trajectories: trajectories, recipe: recipe,
                      parametersChecksum: params, curveChecksum: curve)
        }

        /// The data the run was trained on (its held-out trajectories are what it is scored on).
        public var data: DataSpec { DataSpec(input: input, length: length, trainingTrajectories: trajectories) }
    }

    public struct StoreError: Error, CustomStringConvertible, Sendable {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// FNV-1a, 64 bits, as 16 hex digits: enough to notice a changed or swapped file (not a defence against
    /// someone forging one, which nothing here needs).
    static func checksum(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
