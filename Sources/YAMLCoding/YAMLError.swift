/// Every problem found while reading YAML: where it is, which value, and what was expected.
public struct YAMLError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Where the problem is.
    public var mark: YAMLMark
    /// The key path of the value, like `cases[3].assert[0].type`; empty at the root.
    public var path: String
    /// What is wrong and, when possible, how to fix it.
    public var message: String
    /// The text of the offending line (for a caret display), when known.
    public var sourceLine: String?

    public init(mark: YAMLMark, path: String = "", message: String, sourceLine: String? = nil) {
        self.mark = mark
        self.path = path
        self.message = message
        self.sourceLine = sourceLine
    }

    /// `file:line:col: error: path: message` (without `path: ` when the path is empty).
    public var description: String {
        let location = "\(mark.file):\(mark.line):\(mark.column): error: "
        return path.isEmpty ? location + message : location + path + ": " + message
    }
}

extension YAMLError {
    /// An error at `mark` named by a decoder's coding path: for checks that span several
    /// nodes (a history turn naming a call of an earlier turn), thrown from `init(from:)`.
    public init(mark: YAMLMark, codingPath: [any CodingKey], message: String) {
        self.init(mark: mark, path: PathComponent.format(codingPath), message: message)
    }
}
