/// A place in a template's source text.
public struct TemplatePosition: Sendable, Hashable {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars from the start of the line.
    public var column: Int
    /// 0-based offset in UTF-8 bytes from the start of the template.
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }
}

/// A template that cannot be parsed, or cannot be rendered with the given variables.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Malformed template text (unclosed tag, unbalanced blocks, bad string literal, ...).
        case syntax
        /// A variable (full dotted path) that the variables do not provide and has no default.
        case undefinedVariable(String)
        /// A filter name that does not exist.
        case unknownFilter(String)
        /// A known filter given the wrong arguments.
        case badFilterArgument
    }

    public var kind: Kind
    /// What went wrong and how to fix it, without the position.
    public var message: String
    /// Where in the template source it went wrong.
    public var position: TemplatePosition

    public init(kind: Kind, message: String, position: TemplatePosition) {
        self.kind = kind
        self.message = message
        self.position = position
    }

    /// `line:column: message`; callers prefix the file name.
    public var description: String {
        "\(position.line):\(position.column): \(message)"
    }
}
