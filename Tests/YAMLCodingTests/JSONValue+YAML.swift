import Foundation
import JSON
import YAMLCoding

/// The yaml-test-suite's data in promptgate's own JSON value type: in.json read with
/// ``JSONParser`` and parsed YAML converted by the YAML 1.2 core schema, to compare them.
extension JSONValue {
    /// Every top-level JSON value in `text` (in.json holds one per YAML document).
    static func stream(_ text: String) throws -> [JSONValue] {
        let bytes = Array(text.utf8)
        let whitespace: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09]
        var values: [JSONValue] = []
        var index = 0
        while true {
            while index < bytes.count, whitespace.contains(bytes[index]) { index += 1 }
            guard index < bytes.count else { return values }
            let (value, next) = try JSONParser.parsePrefix(bytes, at: index)
            values.append(value)
            index = next
        }
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
