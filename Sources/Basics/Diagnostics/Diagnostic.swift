import YAMLCoding

/// One problem a user can fix, with where it is and what to do.
///
/// Every error promptgate reports about a user's files becomes a `Diagnostic`, so they
/// all print the same way: `file:line:col: error: path: message`, then the offending
/// line with a caret under the column.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    /// Path relative to the project root when inside it, else as given.
    public var file: String
    /// 1-based; 0 when the problem concerns the file as a whole.
    public var line: Int
    /// 1-based; 0 when unknown.
    public var column: Int
    /// The key path inside the file, e.g. `cases[3].assert[0].type`; empty at the root.
    public var path: String
    public var message: String
    public var severity: Severity
    /// The text of the offending line, for the caret display.
    public var sourceLine: String?

    public init(
        file: String, line: Int = 0, column: Int = 0, path: String = "", message: String,
        severity: Severity = .error, sourceLine: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
        self.severity = severity
        self.sourceLine = sourceLine
    }

    public init(_ error: YAMLError, severity: Severity = .error) {
        self.init(
            file: error.mark.file, line: error.mark.line, column: error.mark.column,
            path: error.path, message: error.message, severity: severity,
            sourceLine: error.sourceLine)
    }

    public init(
        at mark: YAMLMark, path: String = "", message: String, severity: Severity = .error,
        sourceLine: String? = nil
    ) {
        self.init(
            file: mark.file, line: mark.line, column: mark.column, path: path, message: message,
            severity: severity, sourceLine: sourceLine)
    }

    /// `file:line:col` (or `file:line`, or `file`) as editors and terminals link it.
    public var location: String {
        if line <= 0 { return file }
        if column <= 0 { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    /// The one-line form: `file:line:col: error: path: message`.
    public var headline: String {
        let where_ = path.isEmpty ? "" : "\(path): "
        return "\(location): \(severity.rawValue): \(where_)\(message)"
    }

    enum CodingKeys: String, CodingKey {
        case file, line, column, path, message, severity
    }
}

extension Diagnostic: CustomStringConvertible {
    public var description: String { headline }
}

extension Diagnostic {
    /// The most characters of the source line a rendered diagnostic quotes.
    public static let sourceWindow = 200
    /// The most characters of a message (or key path) a rendered diagnostic prints.
    public static let messageLimit = 500

    /// The headline, then the source line and a caret under the column, colored on request.
    ///
    /// Everything quoted from the user's files is made terminal-safe (``TerminalText``) and
    /// bounded: at most ``sourceWindow`` characters of the line around the column, `…` where
    /// it was cut, with the caret under the column's character.
    public func rendered(color: Bool) -> String {
        let style = TerminalStyle(enabled: color)
        let label: String
        switch severity {
        case .error: label = style.red(style.bold("error:"))
        case .warning: label = style.yellow(style.bold("warning:"))
        case .note: label = style.cyan(style.bold("note:"))
        }
        let shownPath = TerminalText.sanitize(TerminalText.capped(path, limit: Self.messageLimit))
        let where_ = path.isEmpty ? "" : "\(shownPath): "
        let shownMessage = TerminalText.sanitize(
            TerminalText.capped(message, limit: Self.messageLimit))
        var out =
            "\(style.bold(TerminalText.sanitize(location) + ":")) \(label) \(where_)\(shownMessage)"
        if let sourceLine, column > 0 {
            let (shown, caretColumn) = Self.caretWindow(sourceLine, column: column)
            let caretPad = String(repeating: " ", count: caretColumn)
            out += "\n    \(shown)\n    \(caretPad)\(style.green("^"))"
        }
        return out
    }

    /// At most `width` characters of `line` around `column` (1-based, in Unicode scalars as
    /// the YAML layer counts), terminal-safe, tabs shown as spaces, `…` at a cut end; and the
    /// terminal column (0-based) the caret goes to: under the first cell of the character that
    /// holds the column, or just after the text when the column is past its end.
    ///
    /// The window never splits a character (grapheme cluster), and counts wide characters
    /// (CJK, emoji) as two cells. Only a bounded stretch of scalars around the column is
    /// looked at, so a 20 MB line costs a walk to the column and no more.
    static func caretWindow(_ line: String, column: Int, width: Int = sourceWindow)
        -> (text: String, caret: Int)
    {
        let scalars = line.unicodeScalars
        let target = max(0, column - 1)
        // Enough scalars for `width` characters on either side, unless characters are long
        // clusters; bounds the work and the output even for a line of combining marks.
        let reach = width * 8
        let from = max(0, target - reach)
        let lo =
            scalars.index(scalars.startIndex, offsetBy: from, limitedBy: scalars.endIndex)
            ?? scalars.endIndex
        let caretIndex =
            scalars.index(lo, offsetBy: target - from, limitedBy: scalars.endIndex)
            ?? scalars.endIndex
        let hi =
            scalars.index(caretIndex, offsetBy: reach, limitedBy: scalars.endIndex)
            ?? scalars.endIndex
        let characters = Array(String(scalars[lo..<hi]))
        // The character holding the caret's scalar.
        let offset = scalars.distance(from: lo, to: caretIndex)
        var caret = characters.count
        var seen = 0
        for (i, c) in characters.enumerated() {
            seen += c.unicodeScalars.count
            if seen > offset {
                caret = i
                break
            }
        }
        // Half the window before the caret, the rest after; a short side gives its room away.
        var before = min(caret, width / 2)
        let after = min(characters.count - caret, width - before)
        before = min(caret, width - after)
        let start = caret - before
        let end = caret + after
        let cutStart = start > 0 || lo != scalars.startIndex
        let cutEnd = end < characters.count || hi != scalars.endIndex
        func shown(_ part: ArraySlice<Character>) -> String {
            TerminalText.sanitize(String(part).replacingOccurrences(of: "\t", with: " "))
        }
        let head = (cutStart ? "…" : "") + shown(characters[start..<caret])
        let tail = shown(characters[caret..<end]) + (cutEnd ? "…" : "")
        return (head + tail, cells(head))
    }

    /// Terminal cells `text` takes: two for East Asian wide characters and emoji, else one.
    static func cells(_ text: String) -> Int {
        var n = 0
        for c in text {
            let scalars = c.unicodeScalars
            guard let first = scalars.first else { continue }
            // An emoji sequence (flag, keycap, ZWJ family, VS16) is drawn as one wide glyph.
            let emoji =
                scalars.count > 1
                && scalars.contains { $0.properties.isEmojiPresentation || $0.value == 0xFE0F }
            n += isWide(first) || emoji ? 2 : 1
        }
        return n
    }

    private static func isWide(_ s: Unicode.Scalar) -> Bool {
        if s.properties.isEmojiPresentation { return true }
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// Orders diagnostics by file, then position, so reports are stable.
extension Diagnostic: Comparable {
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
    }
}
