import Basics

/// A JSON value as JSON Schema sees it: numbers compare by value (`1 == 1.0`), strings by
/// code points (not by Swift's canonical equivalence: NFC `é` ≠ NFD `é`), objects by their
/// members in any order, and `true` is never equal to `1`.
///
/// Integral literals that fit in 64 bits are read as ``integer(_:)`` and stay exact (a numeric
/// id such as 1580000000000000001 is not rounded to a `Double`); every other number is a
/// ``number(_:)``. Both are JSON Schema's `number` type.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// An integral number that fits in `Int64`, held exactly.
    case integer(Int64)
    /// Any other number (a fraction, an exponent, or beyond 64 bits), always finite when parsed.
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
        case .integer, .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Whether this is a number with no fractional part (`1.0` is an integer in 2020-12).
    public var isInteger: Bool {
        switch self {
        case .integer: true
        case .number(let value): value.isFinite && value == value.rounded(.towardZero)
        default: false
        }
    }

    /// The number as a `Double` (an ``integer(_:)`` beyond 2^53 rounded), or nil for others.
    public var numberValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// Compact JSON text with object keys sorted, so messages are deterministic; an
    /// ``integer(_:)`` is written exactly.
    public var jsonText: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
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
    /// Numbers are equal by value, exactly: `.integer(1) == .number(1.0)`, but an integer
    /// beyond 2^53 equals no `Double` it merely rounds to.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.integer(let a), .number(let b)), (.number(let b), .integer(let a)):
            Int64(exactly: b) == a
        case (.string(let a), .string(let b)): a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }

    /// Consistent with `==`: a number that is an exact `Int64` hashes as that integer.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .integer(let value): hasher.combine(value)
        case .number(let value):
            if let exact = Int64(exactly: value) {
                hasher.combine(exact)
            } else {
                hasher.combine(value)
            }
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
    /// Decodes any JSON or YAML value: null, then a boolean, an integer, a number, a string, a
    /// list and a mapping. In YAML, quoted scalars stay strings (`"1"` is not the number 1),
    /// and `1` is ``integer(_:)`` while `1.5` is ``number(_:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
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
        case .integer(let value):
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
