import Basics
import LanguageDetection
import PromptGateModel

extension RecordPattern {
    /// Why an expression does not parse, and where (character offsets into the expression).
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var expression: String
        public var offset: Int
        public var length: Int

        /// The expression with a caret line under the offending part.
        public var pointer: String {
            "  \(expression)\n  " + String(repeating: " ", count: offset)
                + String(repeating: "^", count: max(1, length))
        }

        public var description: String { "\(message)\n\(pointer)" }
    }

    /// Parses `text`; every error says what was expected and points at the spot.
    public static func parse(_ text: String) throws(ParseError) -> RecordPattern {
        var scanner = Scanner(characters: Array(text), text: text)
        var conditions: [Condition] = []
        scanner.skipSpaces()
        if scanner.atEnd {
            throw scanner.error("the pattern is empty; e.g. language!=en and has_code", at: 0)
        }
        while true {
            conditions.append(try scanner.condition())
            scanner.skipSpaces()
            if scanner.atEnd { break }
            let start = scanner.position
            let word = scanner.word()
            guard word.lowercased() == "and" else {
                throw scanner.error(
                    "expected 'and' between conditions", at: start,
                    length: max(1, word.count))
            }
            scanner.skipSpaces()
            if scanner.atEnd {
                throw scanner.error("a condition must follow 'and'", at: start, length: 3)
            }
        }
        return RecordPattern(conditions: conditions, source: text)
    }

    private struct Scanner {
        var characters: [Character]
        var text: String
        var position = 0

        var atEnd: Bool { position >= characters.count }

        func error(_ message: String, at offset: Int, length: Int = 1) -> ParseError {
            ParseError(message: message, expression: text, offset: offset, length: length)
        }

        mutating func skipSpaces() {
            while !atEnd, characters[position].isWhitespace { position += 1 }
        }

        mutating func word() -> String {
            var out = ""
            while !atEnd,
                characters[position].isLetter || characters[position].isNumber
                    || characters[position] == "_" || characters[position] == "-"
            {
                out.append(characters[position])
                position += 1
            }
            return out
        }

        mutating func condition() throws(ParseError) -> Condition {
            var start = position
            var name = word()
            if name.lowercased() == "not" {
                skipSpaces()
                start = position
                name = word()
                guard let flag = Flag(rawValue: name.lowercased()) else {
                    throw unknownFlag(name, at: start)
                }
                return .flag(flag, negated: true)
            }
            guard !name.isEmpty else {
                throw error(
                    "expected a field or a flag, e.g. language!=en or has_code", at: start)
            }
            let op = scanOperator()
            guard let op else {
                guard let flag = Flag(rawValue: name.lowercased()) else {
                    if Field(rawValue: name.lowercased()) != nil {
                        throw error(
                            "'\(name)' needs a comparison: =, !=, ~ (contains) or !~",
                            at: position)
                    }
                    throw unknownFlag(name, at: start)
                }
                return .flag(flag, negated: false)
            }
            guard let field = Field(rawValue: name.lowercased()) else {
                let fields = Field.allCases.map(\.rawValue)
                let hint = suggestion(for: name.lowercased(), among: fields).map {
                    "did you mean '\($0)'?"
                }
                throw error(
                    "unknown field '\(name)'; \(hint ?? "fields: \(fields.joined(separator: ", "))")",
                    at: start, length: name.count)
            }
            let valueStart = position
            let value = try self.value()
            try check(field, op, value, at: valueStart)
            return .compare(field, op, value)
        }

        private func unknownFlag(_ name: String, at start: Int) -> ParseError {
            let flags = Flag.allCases.map(\.rawValue)
            let hint = suggestion(for: name.lowercased(), among: flags).map {
                "did you mean '\($0)'?"
            }
            return error(
                "unknown flag '\(name)'; \(hint ?? "flags: \(flags.joined(separator: ", "))") (or FIELD=VALUE)",
                at: start, length: max(1, name.count))
        }

        mutating func scanOperator() -> Operator? {
            skipSpaces()
            guard !atEnd else { return nil }
            let two =
                position + 1 < characters.count ? String(characters[position...position + 1]) : ""
            for op in [Operator.notEquals, .notContains] where two == op.rawValue {
                position += 2
                return op
            }
            switch characters[position] {
            case "=":
                position += 1
                if !atEnd, characters[position] == "=" { position += 1 }
                return .equals
            case "~":
                position += 1
                return .contains
            default:
                return nil
            }
        }

        mutating func value() throws(ParseError) -> String {
            skipSpaces()
            guard !atEnd else { throw error("a value must follow the comparison", at: position) }
            let quote = characters[position]
            if quote == "\"" || quote == "'" {
                let start = position
                position += 1
                var out = ""
                while !atEnd, characters[position] != quote {
                    out.append(characters[position])
                    position += 1
                }
                guard !atEnd else { throw error("unclosed quote", at: start) }
                position += 1
                return out
            }
            var out = ""
            while !atEnd, !characters[position].isWhitespace {
                out.append(characters[position])
                position += 1
            }
            return out
        }

        private func check(_ field: Field, _ op: Operator, _ value: String, at start: Int)
            throws(ParseError)
        {
            let length = max(1, value.count)
            let exact: [String]?
            switch field {
            case .language: exact = LanguageDetector.supportedCodes + [DetectedLanguage.unknownCode]
            case .type: exact = FeedbackType.allCases.map(\.rawValue)
            case .length: exact = LengthBand.allCases.map(\.rawValue)
            case .theme: exact = CommentTheme.all.map(\.name)
            case .signal: exact = ImplicitSignal.allCases.map(\.rawValue)
            default: exact = nil
            }
            if field == .cluster || exact != nil, op == .contains || op == .notContains {
                throw error(
                    "'\(field.rawValue)' is compared with = or !=, not ~", at: start - 1)
            }
            if field == .cluster, Int(value) == nil || (Int(value) ?? 0) < 1 {
                throw error(
                    "a cluster is a number from 'feedback analyze', e.g. cluster=3", at: start,
                    length: length)
            }
            if let exact, !exact.contains(value) {
                let typo = suggestion(for: value, among: exact)
                let hint =
                    (field == .language ? LanguageDetector.suggestedCode(for: value) ?? typo : typo)
                    .map { "did you mean '\($0)'?" }
                throw error(
                    "unknown \(field.rawValue) '\(value)'; \(hint ?? "use one of \(exact.joined(separator: ", "))")",
                    at: start, length: length)
            }
        }
    }
}
