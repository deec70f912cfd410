import Foundation
import YAMLCoding

/// Data as the yaml-test-suite's in.json states it, for comparing parsed YAML against.
enum JSONValue: Equatable, Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "\(value)"
        case .number(let value): return "\(value)"
        case .string(let value): return value.debugDescription
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let entries):
            let body = entries.sorted { $0.key < $1.key }.map {
                "\($0.key.debugDescription): \($0.value)"
            }
            return "{" + body.joined(separator: ", ") + "}"
        }
    }

    /// Every top-level JSON value in `text` (in.json holds one per YAML document).
    static func stream(_ text: String) throws -> [JSONValue] {
        try splitTopLevel(Array(text.utf8)).map {
            try JSONDecoder().decode(JSONValue.self, from: Data($0))
        }
    }

    private static func splitTopLevel(_ bytes: [UInt8]) -> [[UInt8]] {
        var values: [[UInt8]] = []
        var index = 0
        let whitespace: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09]
        while index < bytes.count {
            if whitespace.contains(bytes[index]) {
                index += 1
                continue
            }
            let start = index
            var depth = 0
            var inString = false
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") {
                        index += 1
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 0 {
                            index += 1
                            break
                        }
                    }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        break
                    }
                } else if depth == 0 && whitespace.contains(byte) {
                    break
                }
                index += 1
            }
            values.append(Array(bytes[start..<min(index, bytes.count)]))
        }
        return values
    }

    /// The node as JSON data: plain scalars resolved by the YAML 1.2 core schema.
    init?(_ node: YAMLNode) {
        switch node {
        case .scalar(let scalar, _):
            self = Self.resolve(scalar)
        case .sequence(let items, _):
            var values: [JSONValue] = []
            for item in items {
                guard let value = JSONValue(item) else { return nil }
                values.append(value)
            }
            self = .array(values)
        case .mapping(let entries, _):
            var object: [String: JSONValue] = [:]
            for entry in entries {
                guard case .scalar(let key, _) = entry.key, let value = JSONValue(entry.value)
                else {
                    return nil
                }
                object[key.value] = value
            }
            self = .object(object)
        }
    }

    private static func resolve(_ scalar: YAMLScalar) -> JSONValue {
        let core = "tag:yaml.org,2002:"
        let text = scalar.value
        switch scalar.tag {
        case .some(core + "null"): return .null
        case .some(core + "bool"): return boolValue(text).map(JSONValue.bool) ?? .string(text)
        case .some(core + "int"), .some(core + "float"):
            return number(text).map(JSONValue.number) ?? .string(text)
        case .some: return .string(text)
        case .none: break
        }
        guard scalar.style == .plain else { return .string(text) }
        if ["", "~", "null", "Null", "NULL"].contains(text) { return .null }
        if let bool = boolValue(text) { return .bool(bool) }
        if let number = number(text) { return .number(number) }
        return .string(text)
    }

    private static func boolValue(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// Core schema int and float syntax, checked independently of the decoder's code.
    private static func number(_ text: String) -> Double? {
        if text.wholeMatch(of: /[-+]?[0-9]+/) != nil { return Double(text) }
        if text.wholeMatch(of: /0o[0-7]+/) != nil {
            return Int(text.dropFirst(2), radix: 8).map(Double.init)
        }
        if text.wholeMatch(of: /0x[0-9a-fA-F]+/) != nil {
            return Int(text.dropFirst(2), radix: 16).map(Double.init)
        }
        if text.wholeMatch(of: /[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/) != nil {
            return Double(text)
        }
        if text.wholeMatch(of: /[-+]?\.(inf|Inf|INF)/) != nil {
            return text.hasPrefix("-") ? -.infinity : .infinity
        }
        if text.wholeMatch(of: /\.(nan|NaN|NAN)/) != nil { return .nan }
        return nil
    }
}
