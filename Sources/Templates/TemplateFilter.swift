import Basics

/// The filters a template can apply with `|`.
enum TemplateFilter: Sendable, Hashable {
    case upper
    case lower
    case trim
    case json
    /// Replaces a missing or null value with the literal.
    case `default`(String)

    static let names = ["default", "json", "lower", "trim", "upper"]

    /// Resolves a filter by name and its (string literal) arguments.
    static func make(name: String, arguments: [String]?, at position: TemplatePosition)
        throws(TemplateError) -> TemplateFilter
    {
        let filter: TemplateFilter
        switch name {
        case "upper": filter = .upper
        case "lower": filter = .lower
        case "trim": filter = .trim
        case "json": filter = .json
        case "default":
            guard let arguments, arguments.count == 1 else {
                throw TemplateError(
                    kind: .badFilterArgument,
                    message: "filter 'default' takes one string argument, e.g. default(\"none\")",
                    position: position)
            }
            return .default(arguments[0])
        default:
            var message = "unknown filter '\(name)'"
            if let near = suggestion(for: name, among: names) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; known filters: \(names.joined(separator: ", "))"
            }
            throw TemplateError(kind: .unknownFilter(name), message: message, position: position)
        }
        guard arguments == nil || arguments?.isEmpty == true else {
            throw TemplateError(
                kind: .badFilterArgument, message: "filter '\(name)' takes no arguments",
                position: position)
        }
        return filter
    }

    /// Applies the filter; a missing value (nil) passes through until a `default` supplies one.
    func apply(to value: TemplateValue?) -> TemplateValue? {
        if case .default(let fallback) = self {
            guard let value, value != .null else { return .string(fallback) }
            return value
        }
        guard let value else { return nil }
        switch self {
        case .upper: return .string(value.text.uppercased())
        case .lower: return .string(value.text.lowercased())
        case .trim: return .string(Self.trimmed(value.text))
        case .json: return .string(value.jsonText)
        case .default: return value
        }
    }

    private static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }
}
