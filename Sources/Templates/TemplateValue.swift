import YAMLCoding

/// A value a template can render: a test case's variables, decoded from YAML or JSON.
public enum TemplateValue: Sendable, Hashable {
    /// Text, rendered exactly as written.
    case string(String)
    /// A numeric scalar's text as written (e.g. `"1.10"`); `json` emits it as a JSON number.
    case number(String)
    case bool(Bool)
    /// Renders as the empty string (and `null` through `json`).
    case null
    /// Renders as JSON text.
    case array([TemplateValue])
    /// Renders as JSON text with sorted keys.
    case object([String: TemplateValue])
}

extension TemplateValue: Decodable {
    /// Decodes any scalar, list or mapping. Numbers keep the text they were written with when
    /// the decoder can give it (the YAML decoder can; `JSONDecoder` gives the parsed value).
    public init(from decoder: any Decoder) throws {
        if let yaml = decoder as? any YAMLNodeDecoder, let scalar = Self.scalar(yaml.node) {
            self = scalar
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = Self.numberText(container) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([TemplateValue].self) {
            self = .array(array)
        } else if let object = try? container.decode([String: TemplateValue].self) {
            self = .object(object)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a scalar, a list or a mapping")
        }
    }

    /// A YAML scalar read the way the attempts in `init(from:)` read it, straight from the
    /// node: each failed attempt would build (and drop) an error, for every string var.
    package static func scalar(_ node: YAMLNode) -> TemplateValue? {
        guard case .scalar(let scalar, _) = node else { return nil }
        if node.isNull { return .null }
        if let bool = node.boolValue { return .bool(bool) }
        if node.integerValue(as: Int.self) != nil || node.doubleValue != nil {
            return .number(scalar.value)
        }
        return .string(scalar.value)
    }

    private static func numberText(_ container: any SingleValueDecodingContainer) -> String? {
        let int = try? container.decode(Int.self)
        let double = int == nil ? try? container.decode(Double.self) : nil
        guard int != nil || double != nil else { return nil }
        if let text = try? container.decode(String.self) { return text }
        if let int { return String(int) }
        return double.map { String(describing: $0) }
    }
}

extension TemplateValue {
    /// Whether `{{#if}}` takes its branch: not null, not false, not "", not an empty list or
    /// mapping. Numbers (even 0) are true.
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .string(let text): !text.isEmpty
        case .number: true
        case .array(let items): !items.isEmpty
        case .object(let members): !members.isEmpty
        }
    }

    /// The text `{{ value }}` renders.
    var text: String {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let value): value ? "true" : "false"
        case .null: ""
        case .array, .object: jsonText
        }
    }

    /// Looks up one path segment: a key in an object, or an index in an array.
    func member(_ segment: TemplatePath.Segment) -> TemplateValue? {
        switch self {
        case .object(let members):
            return members[segment.key]
        case .array(let items):
            guard let index = segment.index, items.indices.contains(index) else { return nil }
            return items[index]
        default:
            return nil
        }
    }
}
