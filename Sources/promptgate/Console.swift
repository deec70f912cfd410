import Basics
import Foundation
import Providers

/// Where a command writes: stdout for results, stderr for diagnostics and progress.
///
/// The library never prints; commands write through a `Console` that the executable backs
/// with the real streams and tests back with buffers.
final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void
    /// Whether stdout / stderr are terminals (progress and color depend on it).
    let stdoutIsTTY: Bool
    let stderrIsTTY: Bool
    /// Color is on only for a TTY, and never with NO_COLOR or --no-color.
    var colorEnabled: Bool
    /// Applied to everything written (and to `--output` files): secrets never reach the
    /// terminal, even when a message quotes a provider that echoed one.
    private var secretRedactor = SecretRedactor.none

    init(
        stdoutIsTTY: Bool, stderrIsTTY: Bool, colorEnabled: Bool,
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void
    ) {
        self.stdoutIsTTY = stdoutIsTTY
        self.stderrIsTTY = stderrIsTTY
        self.colorEnabled = colorEnabled
        self.writeOut = out
        self.writeErr = err
    }

    /// The process's own streams.
    static func standard(environment: [String: String]) -> Console {
        let outTTY = isatty(STDOUT_FILENO) == 1
        let errTTY = isatty(STDERR_FILENO) == 1
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Console(
            stdoutIsTTY: outTTY, stderrIsTTY: errTTY, colorEnabled: errTTY && !noColor,
            out: { FileHandle.standardOutput.write(Data($0.utf8)) },
            err: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    func out(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        writeOut(secretRedactor.redact(text))
    }

    /// Writes `text` that was already redacted with ``redactor`` (a report redacted as one
    /// text across its pieces: see ``ReportOutput``).
    func outRedacted(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        writeOut(text)
    }

    func err(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        writeErr(secretRedactor.redact(text))
    }

    /// What output is redacted with.
    var redactor: SecretRedactor { lock.withLock { secretRedactor } }

    /// Adds `redactor`'s secrets to those redacted from now on.
    func protect(_ redactor: SecretRedactor) {
        lock.withLock { secretRedactor = secretRedactor.merging(redactor) }
    }

    var style: TerminalStyle { TerminalStyle(enabled: colorEnabled) }
}

/// A console that keeps what was written, for tests and in-process use.
final class CapturingConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var outBuffer = ""
    private var errBuffer = ""

    init() {}

    var console: Console {
        Console(
            stdoutIsTTY: false, stderrIsTTY: false, colorEnabled: false,
            out: { [self] text in lock.withLock { outBuffer += text } },
            err: { [self] text in lock.withLock { errBuffer += text } })
    }

    var stdout: String { lock.withLock { outBuffer } }
    var stderr: String { lock.withLock { errBuffer } }
}
