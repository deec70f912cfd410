/// A position in a YAML source file. `line` and `column` are 1-based; `line == 0` means
/// "unknown" (for example a value that did not come from a YAML file).
public struct YAMLMark: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file name as given to the parser (used only for messages).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode characters.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// How a scalar was written in the source.
public enum YAMLScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A scalar's text as written (after unescaping and folding), its style and explicit tag.
public struct YAMLScalar: Sendable, Hashable {
    /// The scalar's content.
    public var value: String
    /// How it was written.
    public var style: YAMLScalarStyle
    /// The resolved explicit tag (`tag:yaml.org,2002:str` for `!!str`), or nil when untagged.
    public var tag: String?

    public init(value: String, style: YAMLScalarStyle = .plain, tag: String? = nil) {
        self.value = value
        self.style = style
        self.tag = tag
    }

    /// True for scalars whose type may be resolved from their text (plain and untagged).
    var isPlainUntagged: Bool { style == .plain && tag == nil }
}
