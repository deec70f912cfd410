import LanguageDetection

/// A `--pattern` expression selecting feedback records: conditions joined by `and`.
///
/// ```
/// language!=en and has_code
/// version=1.2 and comment~"not our policy"
/// ```
/// Comparisons are `FIELD=VALUE`, `FIELD!=VALUE`, `FIELD~TEXT` (contains, ignoring case) and
/// `FIELD!~TEXT`; flags are `has_code`, `has_correction`, `has_comment`, `non_english`, each
/// optionally preceded by `not`. Values with spaces are quoted.
public struct RecordPattern: Sendable, Hashable {
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case language, version, model, cluster, comment, input, response, correction, type,
            theme, code, length, signal
    }

    public enum Operator: String, Sendable, Hashable {
        case equals = "="
        case notEquals = "!="
        case contains = "~"
        case notContains = "!~"
    }

    public enum Flag: String, Sendable, Hashable, CaseIterable {
        case hasCode = "has_code"
        case hasCorrection = "has_correction"
        case hasComment = "has_comment"
        case nonEnglish = "non_english"
    }

    public enum Condition: Sendable, Hashable {
        case compare(Field, Operator, String)
        case flag(Flag, negated: Bool)
    }

    public var conditions: [Condition]
    /// The expression as written.
    public var source: String

    /// Whether a condition is about the input's language (cases then assert the language).
    public var isLanguagePattern: Bool {
        conditions.contains {
            switch $0 {
            case .compare(.language, _, _), .flag(.nonEnglish, negated: false): true
            default: false
            }
        }
    }

    /// Whether evaluating needs the clusters of the negative inputs.
    public var usesClusters: Bool {
        conditions.contains {
            if case .compare(.cluster, _, _) = $0 { return true }
            return false
        }
    }

    /// What a record is matched against besides its stored fields.
    struct Facts {
        var info: InputInfo
        var themes: [String]
        var cluster: Int?
    }

    func matches(_ record: FeedbackRecord, _ facts: Facts) -> Bool {
        conditions.allSatisfy { condition in
            switch condition {
            case .flag(let flag, let negated):
                return Self.holds(flag, record, facts) != negated
            case .compare(let field, let op, let value):
                return Self.compare(field, op, value, record, facts)
            }
        }
    }

    private static func holds(_ flag: Flag, _ record: FeedbackRecord, _ facts: Facts) -> Bool {
        switch flag {
        case .hasCode: !facts.info.code.isEmpty
        case .hasCorrection: !(record.correction ?? "").isEmpty
        case .hasComment: !(record.comment ?? "").isEmpty
        case .nonEnglish: facts.info.isNonEnglish
        }
    }

    private static func compare(
        _ field: Field, _ op: Operator, _ value: String, _ record: FeedbackRecord, _ facts: Facts
    ) -> Bool {
        let known = facts.info.language != DetectedLanguage.unknownCode
        switch (field, op) {
        // An input whose language is not known is neither English nor not English.
        case (.language, .notEquals): return known && facts.info.language != value
        case (.cluster, _): return (facts.cluster.map(String.init) == value) == (op == .equals)
        case (.theme, _): return facts.themes.contains(value) == (op == .equals)
        case (.code, _):
            let has =
                value == "any"
                ? !facts.info.code.isEmpty : facts.info.code.languages.contains(value)
            return has == (op == .equals)
        default: break
        }
        let text: String?
        switch field {
        case .language: text = facts.info.language
        case .version: text = record.promptVersion
        case .model: text = record.model
        case .comment: text = record.comment
        case .input: text = record.userInput
        case .response: text = record.response
        case .correction: text = record.correction
        case .type: text = record.feedbackType?.rawValue
        case .length: text = facts.info.length.rawValue
        case .signal: text = record.signal?.rawValue
        case .cluster, .theme, .code: text = nil
        }
        switch op {
        case .equals: return text == value
        case .notEquals: return text != value
        case .contains, .notContains:
            let found = text.map { $0.lowercased().contains(value.lowercased()) } ?? false
            return found == (op == .contains)
        }
    }

    /// Tags for the cases built from this pattern: `feedback` and one per condition.
    public var tags: [String] {
        var out = ["feedback"]
        for condition in conditions {
            let tag: String
            switch condition {
            case .flag(let flag, let negated):
                tag =
                    (negated ? "not-" : "") + flag.rawValue.replacingOccurrences(of: "_", with: "-")
            case .compare(.language, .notEquals, "en"): tag = "non-english"
            case .compare(.language, .equals, let code): tag = "language-\(code)"
            case .compare(.version, .equals, let version): tag = "v\(version)"
            case .compare(.cluster, .equals, let id): tag = "cluster-\(id)"
            case .compare(.code, .equals, let language): tag = "code-\(language)"
            case .compare(let field, .equals, let value): tag = "\(field.rawValue)-\(value)"
            case .compare(let field, .contains, let value):
                tag = field == .comment || field == .input ? value : "\(field.rawValue)-\(value)"
            case .compare(let field, let op, let value):
                tag = "\(field.rawValue)-not-\(value)" + (op == .notContains ? "-text" : "")
            }
            let slug = Self.slug(tag)
            if !slug.isEmpty, !out.contains(slug) { out.append(slug) }
        }
        return out
    }

    /// Lowercase letters, digits, `.` and `-`; other runs become one `-`.
    static func slug(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "." {
                out.append(character)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return out
    }
}
