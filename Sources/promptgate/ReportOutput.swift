import Basics
import Foundation
import Providers

/// Machine output written as it is produced, for reports too big to hold (a run's or a
/// compare's cases): to `--output FILE` through a temporary file renamed into place by
/// ``finish()`` (a killed process leaves the old file, never half a new one), else to stdout.
/// The report is redacted as one text (``SecretRedactor/Stream``), so a piece may end
/// anywhere, even inside a secret: a case's big output can be written in slices.
/// A `spooled` report for stdout (one written while a run goes) is kept in a temporary file
/// until ``finish()``: stdout gets the whole report or, when the command fails, nothing.
final class ReportOutput {
    private let console: Console
    private var redaction: SecretRedactor.Stream
    private var buffer = ""
    private var file: FileHandle?
    private var temporary: String?
    private let path: String?
    private let shown: String?
    private var finished = false
    private var spool = false
    private static let flushSize = 1 << 16

    /// To `--output FILE` when given, else stdout.
    convenience init(context: CommandContext, spooled: Bool = false) throws(PromptGateError) {
        let shown = context.arguments.value("--output")
        try self.init(
            console: context.console, path: shown.map(context.absolute), shown: shown,
            spooled: spooled)
    }

    /// To `path` (shown in errors as `shown`), or stdout when nil.
    init(
        console: Console, path: String?, shown: String?, spooled: Bool = false
    ) throws(PromptGateError) {
        self.console = console
        redaction = SecretRedactor.Stream(console.redactor)
        self.shown = shown
        self.path = path
        guard let path else {
            if spooled { try openSpool() }
            return
        }
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw .io(path: shown ?? path, reason: "cannot write: cannot create \(temporary)")
        }
        self.temporary = temporary
        file = handle
    }

    private func openSpool() throws(PromptGateError) {
        var template = Array((NSTemporaryDirectory() + "/promptgate-report-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw .io(path: NSTemporaryDirectory(), reason: "cannot create a temporary report")
        }
        temporary = String(
            decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        file = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        spool = true
    }

    deinit {
        try? file?.close()
        if !finished, let temporary { unlink(temporary) }
    }

    /// A report that `produce` hands over a piece at a time, to `--output FILE` or stdout.
    static func stream(
        _ context: CommandContext, _ produce: ((String) throws -> Void) throws -> Void
    ) throws {
        let output = try ReportOutput(context: context)
        try produce { try output.write($0) }
        try output.finish()
    }

    /// ``stream(_:_:)`` for a report that hands some pieces over as UTF-8 bytes.
    static func stream(
        _ context: CommandContext,
        _ produce: (_ text: (String) throws -> Void, _ bytes: ([UInt8]) throws -> Void) throws
            -> Void
    ) throws {
        let output = try ReportOutput(context: context)
        try produce({ try output.write($0) }, { try output.write(bytes: $0) })
        try output.finish()
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

    /// Appends a piece of the report given as UTF-8 bytes (not copied into a string).
    func write(bytes piece: [UInt8]) throws(PromptGateError) {
        try flush()
        let redacted = redaction.feed(piece)
        try writing { try redacted.withUnsafeBytes { try put($0) } }
    }

    private func emit(_ text: String) throws(PromptGateError) {
        var redacted = redaction.feed(text)
        try writing { try redacted.withUTF8 { try put(UnsafeRawBufferPointer($0)) } }
    }

    /// Writes bytes already redacted.
    private func put(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        guard let file else {
            return console.outRedacted(String(decoding: bytes, as: UTF8.self))
        }
        try file.write(contentsOf: bytes)
    }

    /// Runs `body`, a write, saying which file could not be written.
    private func writing(_ body: () throws -> Void) throws(PromptGateError) {
        do {
            try body()
        } catch {
            throw .io(path: shown ?? "", reason: "cannot write: \(error.localizedDescription)")
        }
    }

    func finish() throws(PromptGateError) {
        try flush()
        var rest = redaction.finish()
        try writing { try rest.withUTF8 { try put(UnsafeRawBufferPointer($0)) } }
        if spool { return try copySpool() }
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

    /// The spooled report to stdout a piece at a time, each piece ending on a whole UTF-8
    /// character.
    private func copySpool() throws(PromptGateError) {
        guard let temporary else { return }
        defer {
            unlink(temporary)
            finished = true
        }
        try? file?.close()
        file = nil
        guard let input = FileHandle(forReadingAtPath: temporary) else {
            throw .io(path: temporary, reason: "cannot read the temporary report")
        }
        defer { try? input.close() }
        var carry: [UInt8] = []
        while true {
            let chunk: Data
            do {
                chunk = try input.read(upToCount: Self.flushSize) ?? Data()
            } catch {
                throw .io(path: temporary, reason: "cannot read: \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            carry.append(contentsOf: chunk)
            // Back off to the start of the last character if it may be cut.
            var end = carry.count
            var back = 0
            while back < 4, end > 0, carry[end - 1] & 0xC0 == 0x80 {
                end -= 1
                back += 1
            }
            if end > 0, carry[end - 1] >= 0xC0 { end -= 1 }
            console.out(String(decoding: carry[..<end], as: UTF8.self))
            carry.removeFirst(end)
        }
        if !carry.isEmpty { console.out(String(decoding: carry, as: UTF8.self)) }
    }
}
