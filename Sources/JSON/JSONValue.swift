import Basics

/// A JSON value as JSON Schema sees it: numbers compare by value (`1 == 1.0`), strings by
/// code points (not by Swift's canonical equivalence: NFC `é` ≠ NFD `é`), objects by their
/// members in any order, and `true` is never equal to `1`.
///
/// Numbers are held as `Double`, so integers beyond 2^53 lose precision.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The JSON Schema type name: `null`, `boolean`, `number`, `string`, `array`, `object`
    /// (integral numbers are still `number` here; see ``isInteger``).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Whether this is a number with no fractional part (`1.0` is an integer in 2020-12).
    public var isInteger: Bool {
        guard case .number(let value) = self else { return false }
        return value.isFinite && value == value.rounded(.towardZero)
    }

    /// Compact JSON text with object keys sorted, so messages are deterministic.
    public var jsonText: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += JSONText.number(value)
        case .string(let text): out += JSONText.string(text)
        case .array(let items):
            out += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (offset, key) in members.keys.sorted().enumerated() {
                if offset > 0 { out += "," }
                out += JSONText.string(key) + ":"
                members[key]?.write(into: &out)
            }
            out += "}"
        }
    }
}

extension JSONValue {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .number(let value): hasher.combine(value)
        case .string(let text):
            for scalar in text.unicodeScalars { hasher.combine(scalar.value) }
        case .array(let items): hasher.combine(items)
        case .object(let members):
            hasher.combine(members.count)
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }
}

extension JSONValue: Codable {
    /// Decodes any JSON or YAML value: null, then a boolean, a number, a string, a list and a
    /// mapping. In YAML, quoted scalars stay strings (`"1"` is not the number 1).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .object(let members):
            var container = encoder.container(keyedBy: DynamicCodingKey.self)
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                try container.encode(value, forKey: DynamicCodingKey(stringValue: key))
            }
        }
    }
}
