/// Parses template source into nodes in one pass over its UTF-8 bytes.
///
/// Text between tags is kept verbatim, so a lone `{` or `}}` in text is literal.
struct TemplateParser {
    private let bytes: [UInt8]
    private var index = 0
    /// Byte offsets where lines start, for turning offsets into line and column.
    private let lineStarts: [Int]
    private static let maximumNesting = 100

    /// An `{{#if}}` whose `{{/if}}` has not been seen yet.
    private struct OpenBlock {
        var condition: TemplatePath
        var position: TemplatePosition
        var then: [TemplateNode] = []
        var otherwise: [TemplateNode] = []
        var elsePosition: TemplatePosition?
    }

    private enum Tag {
        case output(TemplateExpression)
        case open(TemplatePath)
        case otherwise
        case close
    }

    init(_ source: String) {
        bytes = Array(source.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    mutating func parse() throws(TemplateError) -> [TemplateNode] {
        var root: [TemplateNode] = []
        var blocks: [OpenBlock] = []
        func append(_ node: TemplateNode) {
            guard let last = blocks.indices.last else { return root.append(node) }
            if blocks[last].elsePosition == nil {
                blocks[last].then.append(node)
            } else {
                blocks[last].otherwise.append(node)
            }
        }
        while index < bytes.count {
            let tagStart = find(UInt8(ascii: "{"), from: index) ?? bytes.count
            if tagStart > index {
                append(.text(String(decoding: bytes[index..<tagStart], as: UTF8.self)))
            }
            guard tagStart < bytes.count else { break }
            guard find(UInt8(ascii: "}"), from: tagStart + 2) != nil else {
                throw syntax("unclosed '{{' (expected '}}')", at: tagStart)
            }
            index = tagStart + 2
            switch try parseTag() {
            case .output(let expression):
                append(.output(expression))
            case .open(let condition):
                // Rendering recurses per level; a bound keeps hostile input from exhausting the stack.
                guard blocks.count < Self.maximumNesting else {
                    throw syntax(
                        "'{{#if}}' blocks nested more than \(Self.maximumNesting) deep",
                        at: tagStart)
                }
                blocks.append(OpenBlock(condition: condition, position: position(tagStart)))
            case .otherwise:
                guard let last = blocks.indices.last else {
                    throw syntax("'{{else}}' without '{{#if}}'", at: tagStart)
                }
                if blocks[last].elsePosition != nil {
                    let line = blocks[last].position.line
                    throw syntax("second '{{else}}' for '{{#if}}' at line \(line)", at: tagStart)
                }
                blocks[last].elsePosition = position(tagStart)
            case .close:
                guard let block = blocks.popLast() else {
                    throw syntax("'{{/if}}' without '{{#if}}'", at: tagStart)
                }
                append(
                    .conditional(
                        TemplateConditional(
                            condition: block.condition, then: block.then,
                            otherwise: block.otherwise)))
            }
        }
        if let block = blocks.last {
            throw syntax(
                "missing '{{/if}}' for '{{#if}}' at line \(block.position.line)", at: bytes.count)
        }
        return root
    }

    /// Parses what follows `{{` up to and including `}}`.
    private mutating func parseTag() throws(TemplateError) -> Tag {
        skipSpace()
        let start = index
        if peek == UInt8(ascii: "#") {
            index += 1
            let word = identifier()
            guard word == "if" else {
                throw syntax("unknown block '{{#\(word)}}'; only '{{#if}}' is supported", at: start)
            }
            skipSpace()
            guard isIdentifierStart(peek) else {
                throw syntax("expected a variable name after '{{#if'", at: index)
            }
            let condition = try parsePath()
            try expectClose(after: "'{{#if \(condition.text)'")
            return .open(condition)
        }
        if peek == UInt8(ascii: "/") {
            index += 1
            let word = identifier()
            guard word == "if" else {
                throw syntax("unknown closing tag '{{/\(word)}}'; expected '{{/if}}'", at: start)
            }
            try expectClose(after: "'{{/if'")
            return .close
        }
        guard isIdentifierStart(peek) else {
            if atClose { throw syntax("empty tag '{{}}'; expected a variable name", at: start) }
            throw syntax("expected a variable name, found '\(token())'", at: start)
        }
        if identifier() == "else" {
            skipSpace()
            if atClose {
                index += 2
                return .otherwise
            }
        }
        index = start
        let path = try parsePath()
        var filters: [TemplateFilter] = []
        while true {
            skipSpace()
            if atClose {
                index += 2
                return .output(TemplateExpression(path: path, filters: filters))
            }
            guard peek == UInt8(ascii: "|") else {
                throw syntax("unexpected '\(token())' in tag; expected '|' or '}}'", at: index)
            }
            index += 1
            skipSpace()
            let nameStart = index
            guard isIdentifierStart(peek) else {
                throw syntax("expected a filter name after '|'", at: index)
            }
            let name = identifier()
            skipSpace()
            let arguments = peek == UInt8(ascii: "(") ? try parseArguments() : nil
            filters.append(
                try TemplateFilter.make(
                    name: name, arguments: arguments, at: position(nameStart)))
        }
    }

    /// `name(.segment)*` where a segment is a name or an array index.
    private mutating func parsePath() throws(TemplateError) -> TemplatePath {
        let start = index
        let root = identifier()
        var segments: [TemplatePath.Segment] = []
        while peek == UInt8(ascii: ".") {
            index += 1
            let key = identifier()
            guard !key.isEmpty else {
                throw syntax("expected a key or an index after '.'", at: index)
            }
            let isIndex = key.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            segments.append(.init(key: key, index: isIndex ? Int(key) : nil))
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        return TemplatePath(root: root, segments: segments, text: text, position: position(start))
    }

    /// `( "literal", ... )`: filter arguments are double-quoted string literals.
    private mutating func parseArguments() throws(TemplateError) -> [String] {
        index += 1  // "("
        var arguments: [String] = []
        skipSpace()
        if peek == UInt8(ascii: ")") {
            index += 1
            return arguments
        }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else {
                throw TemplateError(
                    kind: .badFilterArgument,
                    message: "filter arguments must be string literals in double quotes, "
                        + "found '\(token())'", position: position(index))
            }
            arguments.append(try parseString())
            skipSpace()
            if peek == UInt8(ascii: ",") {
                index += 1
            } else if peek == UInt8(ascii: ")") {
                index += 1
                return arguments
            } else {
                throw syntax("expected ',' or ')' in filter arguments", at: index)
            }
        }
    }

    /// A double-quoted literal with `\"`, `\\`, `\n` and `\t` escapes.
    private mutating func parseString() throws(TemplateError) -> String {
        let start = index
        index += 1
        var text: [UInt8] = []
        while let byte = peek {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                switch peek {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): text.append(bytes[index])
                case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): text.append(UInt8(ascii: "\t"))
                default:
                    throw syntax(
                        "unknown escape in string literal; use \\\", \\\\, \\n or \\t",
                        at: index - 1)
                }
                index += 1
            default:
                text.append(byte)
            }
        }
        throw syntax("unterminated string literal (missing '\"')", at: start)
    }

    private mutating func expectClose(after what: String) throws(TemplateError) {
        skipSpace()
        guard atClose else {
            throw syntax("unexpected '\(token())' after \(what); expected '}}'", at: index)
        }
        index += 2
    }

    // MARK: Scanning

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private var atClose: Bool {
        index + 1 < bytes.count && bytes[index] == UInt8(ascii: "}")
            && bytes[index + 1] == UInt8(ascii: "}")
    }

    /// Offset of the next pair `byte byte` at or after `start`.
    private func find(_ byte: UInt8, from start: Int) -> Int? {
        var offset = start
        while offset + 1 < bytes.count {
            if bytes[offset] == byte {
                if bytes[offset + 1] == byte { return offset }
            }
            offset += 1
        }
        return nil
    }

    private mutating func skipSpace() {
        while let byte = peek, Self.isSpace(byte) { index += 1 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    /// Names are ASCII letters, digits, `_` and `-`, or any non-ASCII text; not starting with
    /// a digit or `-`.
    private static func isIdentifier(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), 0x80...:
            true
        default: false
        }
    }

    private func isIdentifierStart(_ byte: UInt8?) -> Bool {
        guard let byte, Self.isIdentifier(byte) else { return false }
        return byte != UInt8(ascii: "-") && !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Reads a run of identifier bytes (possibly empty).
    private mutating func identifier() -> String {
        let start = index
        while let byte = peek, Self.isIdentifier(byte) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// The text at `index` for error messages: a short run up to whitespace or a brace.
    private func token() -> String {
        guard index < bytes.count else { return "end of template" }
        var end = index + 1
        while end < bytes.count, end - index < 24, !Self.isSpace(bytes[end]),
            bytes[end] != UInt8(ascii: "}"), bytes[end] != UInt8(ascii: "|")
        {
            end += 1
        }
        // Extend to a scalar boundary so the snippet decodes cleanly.
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[index..<end], as: UTF8.self)
    }

    private func position(_ offset: Int) -> TemplatePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let lineStart = lineStarts[low]
        let scalars = bytes[lineStart..<min(offset, bytes.count)].count { $0 & 0xC0 != 0x80 }
        return TemplatePosition(line: low + 1, column: scalars + 1, offset: offset)
    }

    private func syntax(_ message: String, at offset: Int) -> TemplateError {
        TemplateError(kind: .syntax, message: message, position: position(offset))
    }
}
