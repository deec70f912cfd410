/// Line lookups in the raw source, for error positions and caret displays.
struct SourceText {
    let bytes: UnsafeBufferPointer<UInt8>

    /// The text of 1-based line `number` (without its line break), if it exists.
    func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                if current == number { break }
                current += 1
                start = index + 1
            }
            index += 1
        }
        guard current == number, start <= bytes.count else { return nil }
        var end = index
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// 1-based line and column (in characters) of a byte offset.
    func position(ofByte offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for index in 0..<min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // count characters, not continuation bytes
            }
        }
        return (line, column)
    }

    /// A libyaml problem as a positioned error, with a friendlier message when we know one.
    func error(for problem: LibYAMLProblem, file: String) -> YAMLError {
        let line: Int
        let column: Int
        if let offset = problem.byteOffset {
            (line, column) = position(ofByte: offset)
        } else {
            line = problem.line ?? 1
            column = problem.column ?? 1
        }
        let text = self.line(line)
        var message = problem.problem
        if let context = problem.context {
            message += " " + context
            if let contextLine = problem.contextLine, contextLine != line {
                message += " (started on line \(contextLine))"
            }
        }
        if problem.byteOffset != nil, problem.problem.contains("UTF-8") {
            message = "the file is not valid UTF-8 (\(problem.problem)); save it as UTF-8"
        } else if let text, Self.hasTab(text, around: column) {
            message = "tab characters are not allowed for indentation; use spaces (\(message))"
        } else if let hint = Self.hint(for: problem.problem) {
            message += "; " + hint
        }
        return YAMLError(
            mark: YAMLMark(file: file, line: line, column: column), message: message,
            sourceLine: text)
    }

    /// How to fix the libyaml problems people run into most.
    private static func hint(for problem: String) -> String? {
        if problem.hasPrefix("mapping values are not allowed") {
            return "put the value in quotes if it contains ': '"
        }
        if problem.hasPrefix("did not find expected key")
            || problem.hasPrefix("did not find expected '-' indicator")
        {
            return "check the indentation of this line"
        }
        if problem.hasPrefix("found character that cannot start any token") {
            return "put the value in quotes if it starts with '@', '`' or '%'"
        }
        return nil
    }

    /// True when the line's indentation, or the character at the column, is a tab.
    private static func hasTab(_ line: String, around column: Int) -> Bool {
        let leading = line.prefix { $0 == " " || $0 == "\t" }
        if leading.contains("\t") { return true }
        let scalars = Array(line.unicodeScalars)
        let index = column - 1
        return scalars.indices.contains(index) && scalars[index] == "\t"
    }
}
