import Foundation
import LinearAlgebra

/// English text as a sequence of character ids, for a character-level language model (chapter 7).
///
/// The default corpus is the Debian `fortunes` package (`/usr/share/games/fortunes`): a few megabytes of
/// quotations, jokes and poems. Any UTF-8 text file (or folder of them) works instead.
///
/// Cleaning, kept minimal: fortune's overstriking (`c\bc`, a typewriter's bold) loses the backspace and the
/// struck character, other control characters except newline go, a tab becomes a space, and a line holding only
/// `%` (fortune's separator between cookies) becomes a blank line. The vocabulary is every character left.
///
/// Held-out text: the corpus is cut into blocks of `blockSize` characters and every tenth block is validation.
/// Interleaving keeps both parts drawn from every file (the fortune files are sorted by topic).
public struct TextCorpus: Sendable {
    /// Where the text came from (for messages).
    public let source: String
    /// The characters of the vocabulary, sorted; a character's id is its index here.
    public let alphabet: [Unicode.Scalar]
    /// Distinct characters of the text that are read as the unknown character, U+FFFD (0 unless the text holds
    /// more than `maximumVocabulary` distinct characters).
    public let folded: Int
    /// The training text as ids.
    public let training: [Int]
    /// The held-out text as ids.
    public let validation: [Int]

    /// The fortunes package's folder (Debian, Ubuntu).
    public static let fortunesPath = "/usr/share/games/fortunes"

    /// Reads and cleans the text at `path` (a file, or a folder: every regular file in it except fortune's `.dat`
    /// indexes, in name order; symbolic links are skipped since fortune's `.u8` links repeat files).
    public init(path: String, blockSize: Int = 2_048) throws {
        let text = try TextCorpus.read(path)
        let cleaned = TextCorpus.clean(text)
        guard !cleaned.allSatisfy({ $0.properties.isWhitespace }) else {
            throw ExperimentError("the corpus at \(path) is empty: pass --corpus PATH to a UTF-8 text (or `sudo apt-get install fortunes` for the default)")
        }
        // Ten blocks at least, so that one is held out.
        guard cleaned.count >= 10 * blockSize else {
            throw ExperimentError("the corpus at \(path) holds only \(cleaned.count) characters after cleaning; "
                                  + "it needs at least \(10 * blockSize) (pass a longer UTF-8 text with --corpus PATH)")
        }
        self.init(text: cleaned, source: path, blockSize: blockSize)
    }

    /// The most characters a vocabulary holds. A character model's embedding and read-out grow with the vocabulary,
    /// and a text of 20 000 distinct characters (Chinese, say) made one training step of chapter 7 minutes long;
    /// the `maximumVocabulary − 1` most frequent characters keep their own ids and the rarer ones share U+FFFD.
    /// The fortunes corpus has 104.
    public static let maximumVocabulary = 512
    static let unknown: Unicode.Scalar = "\u{FFFD}"

    /// A corpus from text already in memory (no cleaning).
    public init(text scalars: [Unicode.Scalar], source: String, blockSize: Int = 2_048) {
        self.source = source
        var counts = [Unicode.Scalar: Int]()
        for c in scalars { counts[c, default: 0] += 1 }
        var kept = Set(counts.keys)
        if kept.count > TextCorpus.maximumVocabulary {
            // Most frequent first, ties by code point, so the cut does not depend on hashing.
            let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.value < $1.key.value }
            kept = Set(ranked.prefix(TextCorpus.maximumVocabulary - 1).map(\.key))
            kept.insert(TextCorpus.unknown)
        }
        folded = counts.keys.filter { !kept.contains($0) }.count
        alphabet = kept.sorted { $0.value < $1.value }
        var index = [Unicode.Scalar: Int]()
        for (i, c) in alphabet.enumerated() { index[c] = i }
        let unknownID = index[TextCorpus.unknown]
        var training = [Int](), validation = [Int]()
        for (b, start) in stride(from: 0, to: scalars.count, by: blockSize).enumerated() {
            let ids = scalars[start..<Swift.min(start + blockSize, scalars.count)].map { index[$0] ?? unknownID! }
            if b % 10 == 9 { validation += ids } else { training += ids }
        }
        self.training = training
        self.validation = validation
    }

    public var vocabularySize: Int { alphabet.count }

    /// Ids back to text (for printing samples).
    public func decode(_ ids: [Int]) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: ids.map { alphabet[$0] })
        return String(s)
    }

    /// `count` random training windows of `context` + 1 characters: inputs (the first `context`) and targets (the
    /// last `context`), each flat [count · context] in sequence-major order.
    public func trainingBatch(_ count: Int, context: Int, rng: inout SeededRNG) -> (inputs: [Int], targets: [Int]) {
        var inputs = [Int](), targets = [Int]()
        inputs.reserveCapacity(count * context); targets.reserveCapacity(count * context)
        for _ in 0..<count {
            let start = Int(rng.next() % UInt64(training.count - context - 1))
            inputs += training[start..<(start + context)]
            targets += training[(start + 1)...(start + context)]
        }
        return (inputs, targets)
    }

    /// Up to `maxWindows` non-overlapping held-out windows (inputs and targets as in `trainingBatch`).
    public func validationWindows(context: Int, maxWindows: Int) -> (inputs: [Int], targets: [Int], count: Int) {
        var inputs = [Int](), targets = [Int](), count = 0
        for start in stride(from: 0, to: validation.count - context - 1, by: context + 1) where count < maxWindows {
            inputs += validation[start..<(start + context)]
            targets += validation[(start + 1)...(start + context)]
            count += 1
        }
        return (inputs, targets, count)
    }

    // MARK: reading

    static func read(_ path: String) throws -> String {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ExperimentError(path == fortunesPath
                ? "no corpus at \(path): install it with `sudo apt-get install fortunes` (or `make deps`), or pass --corpus PATH to any UTF-8 text"
                : "no corpus at \(path): pass --corpus PATH to an existing UTF-8 text file or folder (or `sudo apt-get install fortunes` for the default)")
        }
        var files = [String]()
        if isDirectory.boolValue {
            let names = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
            for name in names where !name.hasSuffix(".dat") && !name.hasPrefix(".") {
                let file = (path as NSString).appendingPathComponent(name)
                let attributes = try? fm.attributesOfItem(atPath: file)
                if attributes?[.type] as? FileAttributeType == .typeRegular { files.append(file) }
            }
            guard !files.isEmpty else {
                throw ExperimentError("the corpus folder \(path) has no text files: pass --corpus PATH to a UTF-8 text (or `sudo apt-get install fortunes`)")
            }
        } else {
            files = [path]
        }
        var text = ""
        for file in files {
            guard let data = fm.contents(atPath: file) else {
                throw ExperimentError("cannot read the corpus file \(file): check its permissions, or pass --corpus PATH")
            }
            guard let part = String(validating: data, as: UTF8.self) else {
                throw ExperimentError("the corpus file \(file) is not UTF-8 text: convert it (iconv -t UTF-8) or pass --corpus PATH to another text")
            }
            text += part
            if !part.isEmpty && !part.hasSuffix("\n") { text += "\n" }
        }
        return text
    }

    /// The cleaning described on the type.
    static func clean(_ text: String) -> [Unicode.Scalar] {
        var out = [Unicode.Scalar]()
        out.reserveCapacity(text.unicodeScalars.count)
        var lineStart = 0
        for c in text.unicodeScalars {
            switch c {
            case "\u{8}":  // backspace: overstriking, drop the struck character too
                if out.count > lineStart { out.removeLast() }
            case "\n":
                if out.count == lineStart + 1 && out.last == "%" { out.removeLast() }
                out.append("\n")
                lineStart = out.count
            case "\t":
                out.append(" ")
            case "\r":
                continue
            default:
                if c.properties.generalCategory == .control { continue }
                out.append(c)
            }
        }
        return out
    }
}
