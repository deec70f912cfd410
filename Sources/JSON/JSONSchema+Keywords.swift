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
        guard case .number(let number) = instance, case .number(let limit) = value else {
            return nil
        }
        let holds: Bool
        switch keyword {
        case "minimum": holds = number >= limit
        case "maximum": holds = number <= limit
        case "exclusiveMinimum": holds = number > limit
        default: holds = number < limit
        }
        return holds ? nil : "\(keyword) \(value.jsonText), got \(instance.jsonText)"
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
            let whole = NSRange(text.startIndex..<text.endIndex, in: text)
            if regex.firstMatch(in: text, range: whole) != nil { return nil }
            return "pattern \(value.jsonText), got \(excerpt(instance))"
        default:
            guard case .number(let limit) = value else { return nil }
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
            guard case .number(let limit) = value else { return nil }
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
