import Templates
import YAMLCoding

/// A template string read from YAML, with enough of its node to place errors in the file.
public struct TemplateSource: Sendable, Hashable, Decodable {
    public var text: String
    /// Where the scalar starts (for block scalars: the `|` or `>` indicator).
    public var mark: YAMLMark
    public var style: YAMLScalarStyle

    public init(text: String, mark: YAMLMark, style: YAMLScalarStyle = .doubleQuoted) {
        self.text = text
        self.mark = mark
        self.style = style
    }

    public init(from decoder: any Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
        if let yaml = decoder as? any YAMLNodeDecoder,
            case .scalar(let scalar, let mark) = yaml.node
        {
            self.mark = mark
            self.style = scalar.style
        } else {
            self.mark = YAMLMark(file: "", line: 0, column: 0)
            self.style = .plain
        }
    }

    /// The file position of a position inside the template text.
    ///
    /// Exact for one-line scalars and literal blocks (`|`), which is how prompts are
    /// written; folded and multi-line flow scalars map to the scalar's start line.
    public func fileMark(of position: TemplatePosition, fileLines: [Substring]) -> YAMLMark {
        guard mark.line > 0 else { return mark }
        switch style {
        case .literal:
            // Content starts on the line after the indicator, at the block's indentation.
            let line = mark.line + position.line
            let indent = indentation(ofLine: line, in: fileLines)
            return YAMLMark(file: mark.file, line: line, column: indent + position.column)
        case .plain, .singleQuoted, .doubleQuoted:
            if position.line == 1 {
                let quote = style == .plain ? 0 : 1
                return YAMLMark(
                    file: mark.file, line: mark.line,
                    column: mark.column + quote + position.column - 1)
            }
            return YAMLMark(file: mark.file, line: mark.line, column: mark.column)
        case .folded:
            return mark
        }
    }

    private func indentation(ofLine line: Int, in lines: [Substring]) -> Int {
        guard line >= 1, line <= lines.count else { return 0 }
        return lines[line - 1].prefix(while: { $0 == " " }).count
    }
}
