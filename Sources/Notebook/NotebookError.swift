/// Errors a chapter reports to its reader in one line, with what to do next.
public struct NotebookError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension NotebookError {
    /// Training stopped because the loss or the gradient stopped being finite. `error` is the trainer's report
    /// (which step, which quantity); `run` names the run when a chapter trains several ("the LRU model, width 25").
    /// Every chapter says the same next step, so it is said in one place.
    public static func diverged(_ error: any Error, run: String? = nil, learningRate: Double,
                                default defaultRate: Double? = nil) -> NotebookError {
        let which = run.map { " (\($0))" } ?? ""
        let usual = defaultRate.map { "; the default is \($0)" } ?? ""
        return NotebookError("training diverged\(which): \(error) Here: try a smaller --learning-rate "
                             + "(this run used \(learningRate)\(usual)).")
    }
}
