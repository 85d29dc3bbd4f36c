/// Errors a chapter reports to its reader in one line, with what to do next.
public struct NotebookError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
