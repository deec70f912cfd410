import Basics
import Foundation
import Providers

/// Machine output written as it is produced, for reports too big to hold (a run's or a
/// compare's cases): to `--output FILE` through a temporary file renamed into place by
/// ``finish()`` (a killed process leaves the old file, never half a new one), else to stdout.
/// Pieces are buffered and redacted a buffer at a time; a buffer only ever ends between two
/// pieces, so a secret inside one piece (a case's output) is always redacted whole.
final class ReportOutput {
    private let console: Console
    private let redactor: SecretRedactor
    private var buffer = ""
    private var file: FileHandle?
    private var temporary: String?
    private let path: String?
    private let shown: String?
    private var finished = false
    private static let flushSize = 1 << 16

    /// To `--output FILE` when given, else stdout.
    convenience init(context: CommandContext) throws(PromptGateError) {
        let shown = context.arguments.value("--output")
        try self.init(console: context.console, path: shown.map(context.absolute), shown: shown)
    }

    /// To `path` (shown in errors as `shown`), or stdout when nil.
    init(console: Console, path: String?, shown: String?) throws(PromptGateError) {
        self.console = console
        redactor = console.redactor
        self.shown = shown
        self.path = path
        guard let path else { return }
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw .io(path: shown ?? path, reason: "cannot write: cannot create \(temporary)")
        }
        self.temporary = temporary
        file = handle
    }

    deinit {
        try? file?.close()
        if !finished, let temporary { unlink(temporary) }
    }

    /// Appends a piece of the report.
    func write(_ piece: String) throws(PromptGateError) {
        // A big piece (a case with a long output) goes out as it is, not copied into the
        // buffer first.
        if piece.utf8.count >= Self.flushSize {
            try flush()
            return try emit(piece)
        }
        buffer += piece
        if buffer.utf8.count >= Self.flushSize { try flush() }
    }

    private func flush() throws(PromptGateError) {
        guard !buffer.isEmpty else { return }
        defer { buffer = "" }
        try emit(buffer)
    }

    private func emit(_ text: String) throws(PromptGateError) {
        guard let file else { return console.out(text) }
        var redacted = redactor.redact(text)
        do {
            try redacted.withUTF8 { try file.write(contentsOf: UnsafeRawBufferPointer($0)) }
        } catch {
            throw .io(path: shown ?? "", reason: "cannot write: \(error.localizedDescription)")
        }
    }

    func finish() throws(PromptGateError) {
        try flush()
        guard let file, let temporary, let path else { return }
        do {
            try file.close()
            self.file = nil
            guard rename(temporary, path) == 0 else {
                throw PromptGateError.io(
                    path: shown ?? path, reason: "cannot write: \(String(cString: strerror(errno)))"
                )
            }
            finished = true
        } catch let error as PromptGateError {
            throw error
        } catch {
            throw .io(path: shown ?? path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}
