/// The `value:` of an assertion, kept in the form it was written.
public enum AssertionValue: Sendable, Hashable, Codable {
    case string(String)
    case number(Double)
    case list([String])

    /// Decodes a string first, then a number, then a list of strings: a YAML scalar such as
    /// `42` therefore stays the text the user wrote, while JSON numbers become `.number`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let list = try? container.decode([String].self) {
            self = .list(list)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "value must be a string, a number or a list of strings")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .list(let list): try container.encode(list)
        }
    }

    /// The value as one piece of text: numbers print without a trailing `.0`; `nil` for a list.
    public var text: String? {
        switch self {
        case .string(let text): return text
        case .number(let number): return AssertionText.number(number)
        case .list: return nil
        }
    }

    /// The value as a list of texts: a single string or number is a one-element list.
    public var texts: [String] {
        switch self {
        case .list(let list): return list
        case .string, .number: return text.map { [$0] } ?? []
        }
    }
}
