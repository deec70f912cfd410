/// The documented exit codes of the `promptgate` command.
public enum ExitStatus: Int32, Sendable {
    /// Success; the gate passed; every case passed.
    case ok = 0
    /// The gate blocked, or some cases failed.
    case failed = 1
    /// A usage or configuration error: nothing ran.
    case usage = 2
    /// A provider or infrastructure failure left results incomplete.
    case infrastructure = 3
}

/// An error a user can cause, with the exit status it maps to.
///
/// The executable maps every error to a message and an exit code in one place; anything
/// that is not a `PromptGateError` is treated as an infrastructure failure.
public enum PromptGateError: Error, Sendable, CustomStringConvertible {
    /// Bad flags or arguments; `hint` says how to fix them.
    case usage(String, hint: String? = nil)
    /// Problems in the user's files, each with its position.
    case configuration([Diagnostic])
    /// No `promptgate.yaml` above the working directory.
    case projectNotFound(searchedFrom: String)
    /// A file promptgate needs could not be read or written.
    case io(path: String, reason: String)
    /// A provider or the store failed in a way that left results incomplete.
    case infrastructure(String)
    /// An action the evidence does not allow (promotion without a matching passing gate).
    case refused([String])

    public var exitStatus: ExitStatus {
        switch self {
        case .usage, .configuration, .projectNotFound: .usage
        case .io, .infrastructure: .infrastructure
        case .refused: .failed
        }
    }

    public var description: String {
        switch self {
        case .usage(let message, let hint):
            return hint.map { "\(message)\n\($0)" } ?? message
        case .configuration(let diagnostics):
            return diagnostics.map(\.headline).joined(separator: "\n")
        case .projectNotFound(let dir):
            return
                "no promptgate.yaml found in \(dir) or any parent directory; run inside a project or pass --root DIR"
        case .io(let path, let reason):
            return "\(path): \(reason)"
        case .infrastructure(let message):
            return message
        case .refused(let reasons):
            return reasons.joined(separator: "\n")
        }
    }
}
