import Basics
import Foundation

/// The keywords that look at one value alone; each returns the failure message or nil.
extension JSONSchema {
    /// How many characters of a value a message quotes.
    static let excerptLength = 40

    /// `type`, `enum`, `const`.
    static func checkValue(_ keyword: String, _ value: JSONValue, _ instance: JSONValue) -> String?
    {
        switch keyword {
        case "type":
            let names = value.items.isEmpty ? [value] : value.items
            let matches = names.contains { name in
                guard case .string(let type) = name else { return false }
                return type == instance.typeName || (type == "integer" && instance.isInteger)
            }
            if matches { return nil }
            let expected = names.map { name -> String in
                if case .string(let type) = name { return type }
                return name.jsonText
            }.joined(separator: " or ")
            return "type \(expected), got \(instance.typeName)"
        case "enum":
            if value.items.contains(instance) { return nil }
            return "enum \(excerpt(value)), got \(excerpt(instance))"
        default:
            if value == instance { return nil }
            return "const \(excerpt(value)), got \(excerpt(instance))"
        }
    }

    /// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`: numbers only.
    static func checkNumber(_ keyword: String, _ value: JSONValue, _ instance: JSONValue) -> String?
    {
        guard let order = compareNumbers(instance, value) else { return nil }
        let holds: Bool
        switch keyword {
        case "minimum": holds = order >= 0
        case "maximum": holds = order <= 0
        case "exclusiveMinimum": holds = order > 0
        default: holds = order < 0
        }
        return holds ? nil : "\(keyword) \(value.jsonText), got \(instance.jsonText)"
    }

    /// -1, 0 or 1 as number `a` is below, equal to or above number `b`, exactly (as `==`
    /// compares them, so an integer beyond 2^53 is not equal to a `Double` near it); nil
    /// unless both are numbers.
    static func compareNumbers(_ a: JSONValue, _ b: JSONValue) -> Int? {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.number(let x), .number(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.integer(let x), .number(let y)): return compare(x, y)
        case (.number(let x), .integer(let y)): return compare(y, x).map { -$0 }
        default: return nil
        }
    }

    /// An `Int64` against a `Double`, without rounding the integer.
    private static func compare(_ x: Int64, _ y: Double) -> Int? {
        if y.isNaN { return nil }
        if y >= 0x1p63 { return -1 }
        if y < -0x1p63 { return 1 }
        let whole = y.rounded(.down)
        let floor = Int64(whole)  // in range: -2^63 ≤ whole < 2^63
        if x != floor { return x < floor ? -1 : 1 }
        return y > whole ? -1 : 0
    }

    /// `minLength`, `maxLength` (Unicode code points, as the spec counts), `pattern`.
    static func checkString(_ keyword: String, _ value: JSONValue, _ instance: JSONValue) -> String?
    {
        guard case .string(let text) = instance else { return nil }
        switch keyword {
        case "pattern":
            guard case .string(let pattern) = value,
                case .success(let regex) = CompiledRegex.compile(pattern)
            else { return "pattern \(value.jsonText) does not compile" }
            if regex.firstMatch(in: text) != nil { return nil }
            return "pattern \(value.jsonText), got \(excerpt(instance))"
        default:
            guard let limit = value.numberValue else { return nil }
            let length = text.unicodeScalars.count
            let holds = keyword == "minLength" ? Double(length) >= limit : Double(length) <= limit
            if holds { return nil }
            return "\(keyword) \(value.jsonText), got \(length) characters"
        }
    }

    /// `minItems`, `maxItems`, `uniqueItems`.
    static func checkArraySize(_ keyword: String, _ value: JSONValue, _ instance: JSONValue)
        -> String?
    {
        guard case .array(let elements) = instance else { return nil }
        switch keyword {
        case "uniqueItems":
            guard case .bool(true) = value else { return nil }
            var seen: [JSONValue: Int] = [:]
            for (index, element) in elements.enumerated() {
                if let first = seen[element] {
                    return "uniqueItems: items \(first) and \(index) are equal"
                }
                seen[element] = index
            }
            return nil
        default:
            guard let limit = value.numberValue else { return nil }
            let count = Double(elements.count)
            let holds = keyword == "minItems" ? count >= limit : count <= limit
            if holds { return nil }
            return "\(keyword) \(value.jsonText), got \(elements.count) items"
        }
    }

    /// A value's JSON text, cut to ``excerptLength`` characters.
    static func excerpt(_ value: JSONValue) -> String {
        let text = value.jsonText
        guard text.count > excerptLength else { return text }
        return String(text.prefix(excerptLength)) + "…"
    }
}
