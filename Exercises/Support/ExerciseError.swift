/// What an unfinished exercise throws. The student release replaces every reference solution with
///
///     throw ExerciseError.notImplemented("exercise 1.2")
///
/// so the exercise's tests fail with "not implemented: exercise 1.2" while every other test (and every chapter)
/// still runs. A stub that crashed instead (`fatalError`) would stop the whole test run at the first unfinished
/// exercise.
public enum ExerciseError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The exercise still holds its stub.
    case notImplemented(String)
    /// An argument the exercise's function cannot work with (a delay of 0, an empty series).
    case invalidInput(String)

    public var description: String {
        switch self {
        case .notImplemented(let exercise): return "not implemented: \(exercise)"
        case .invalidInput(let reason): return "invalid input: \(reason)"
        }
    }
}

/// An answer to a "predict, then check" exercise: what happens to a measured quantity when an experiment is changed.
public enum Prediction: String, Sendable, CaseIterable {
    /// It goes up clearly.
    case increases
    /// It stays about where it was (the exercise says how close counts as "about").
    case staysAboutTheSame
    /// It goes down clearly.
    case decreases
}
