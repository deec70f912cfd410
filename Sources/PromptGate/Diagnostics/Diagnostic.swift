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
    /// The headline, then the source line and a caret under the column, colored on request.
    public func rendered(color: Bool) -> String {
        let style = TerminalStyle(enabled: color)
        let label: String
        switch severity {
        case .error: label = style.red(style.bold("error:"))
        case .warning: label = style.yellow(style.bold("warning:"))
        case .note: label = style.cyan(style.bold("note:"))
        }
        let where_ = path.isEmpty ? "" : "\(path): "
        var out = "\(style.bold(location + ":")) \(label) \(where_)\(message)"
        if let sourceLine, column > 0 {
            let shown = sourceLine.replacingOccurrences(of: "\t", with: " ")
            // Columns count Unicode scalars; pad with spaces, keeping wide characters aligned
            // well enough for the common ASCII indentation case.
            let caretPad = String(repeating: " ", count: max(0, column - 1))
            out += "\n    \(shown)\n    \(caretPad)\(style.green("^"))"
        }
        return out
    }
}

/// Orders diagnostics by file, then position, so reports are stable.
extension Diagnostic: Comparable {
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
    }
}
