import Foundation

/// JUnit XML, the format test runners and course platforms exchange results in: read from Swift Testing's
/// `--xunit-output`, written for a grade report.
public enum JUnit {
    /// One `<testcase>`.
    public struct TestCase: Equatable, Sendable {
        public let classname: String
        public let name: String
        public let seconds: Double
        /// The failure message, nil if the test passed.
        public let failure: String?
        public let skipped: Bool

        public init(classname: String, name: String, seconds: Double, failure: String?, skipped: Bool = false) {
            self.classname = classname
            self.name = name
            self.seconds = seconds
            self.failure = failure
            self.skipped = skipped
        }
    }

    /// The test cases of a JUnit document (as Swift Testing and XCTest write it: flat `<testcase>` elements).
    public static func parse(_ xml: String) -> [TestCase] {
        var cases: [TestCase] = []
        var rest = xml[...]
        while let start = rest.range(of: "<testcase") {
            guard let tagEnd = rest[start.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[start.upperBound..<tagEnd]
            let attributes = parseAttributes(tag)
            var body = ""[...]
            if tag.hasSuffix("/") {
                rest = rest[rest.index(after: tagEnd)...]
            } else if let close = rest[tagEnd...].range(of: "</testcase>") {
                body = rest[rest.index(after: tagEnd)..<close.lowerBound]
                rest = rest[close.upperBound...]
            } else {
                rest = rest[rest.index(after: tagEnd)...]
            }
            var failure: String?
            if let f = body.range(of: "<failure") ?? body.range(of: "<error") {
                let failureTag = body[f.upperBound...].prefix { $0 != ">" }
                failure = parseAttributes(failureTag)["message"] ?? "failed"
                if failure!.isEmpty { failure = "failed" }
            }
            cases.append(TestCase(classname: attributes["classname"] ?? "", name: attributes["name"] ?? "",
                                  seconds: Double(attributes["time"] ?? "") ?? 0, failure: failure,
                                  skipped: body.contains("<skipped")))
        }
        return cases
    }

    static func parseAttributes(_ tag: Substring) -> [String: String] {
        var attributes: [String: String] = [:]
        var rest = tag
        while let eq = rest.firstIndex(of: "=") {
            let key = rest[..<eq].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).last.map(String.init) ?? ""
            let afterEq = rest[rest.index(after: eq)...].drop { $0 == " " }
            guard let quote = afterEq.first, quote == "\"" || quote == "'" else { break }
            let valueStart = afterEq.index(after: afterEq.startIndex)
            guard let valueEnd = afterEq[valueStart...].firstIndex(of: quote) else { break }
            attributes[key] = unescape(String(afterEq[valueStart..<valueEnd]))
            rest = afterEq[afterEq.index(after: valueEnd)...]
        }
        return attributes
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            default: out.append(c)
            }
        }
        return out
    }

    public static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += "&"; rest = rest[rest.index(after: amp)...]; continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x"), let v = UInt32(entity.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else {
                    out += "&" + entity + ";"
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
