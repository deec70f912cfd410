import Foundation

/// `JSONSerialization`-style objects (strings, `Bool`, `Int`, `Double`, `NSNull`, arrays and
/// `[String: Any]`) written as JSON with sorted keys, by hand: compact for request bodies,
/// or in the reports' layout (two spaces per level, `"key" : value`, an empty container as
/// `[`, a blank line, `]`, as `.prettyPrinted` writes it). `JSONSerialization`'s bridging and
/// locale-aware key sorting cost more CPU per request than sending it, and seconds for a
/// report of 10,000 cases. Anything else (an `NSNumber` read off the wire) goes through
/// `JSONSerialization`. Keys sort by code point.
package enum FoundationJSON {
    /// The object's JSON, or nil when part of it is not JSON (a non-finite number, a type
    /// `JSONSerialization` rejects too).
    /// `level` indents a value written inside an outer one by hand (a report streamed in
    /// pieces): its inner lines start two spaces a level further in.
    package static func text(_ object: Any, pretty: Bool = false, level: Int = 0) -> String? {
        var writer = Writer(pretty: pretty)
        return writer.write(object, level: level) ? writer.out : nil
    }

    private struct Writer {
        let pretty: Bool
        var out = ""

        init(pretty: Bool) { self.pretty = pretty }

        mutating func newline(_ level: Int) {
            guard pretty else { return }
            out += "\n"
            for _ in 0..<level { out += "  " }
        }

        mutating func write(_ value: Any, level: Int) -> Bool {
            // Exact types first: a failed `as?` of a collection bridges it to Foundation to
            // try again, which cost more than writing it.
            let kind = type(of: value)
            if kind == String.self {
                out += JSONText.string(value as! String)
                return true
            }
            if kind == [String: Any].self { return object(value as! [String: Any], level: level) }
            if kind == [Any].self { return array(value as! [Any], level: level) }
            if kind == Int.self {
                out += String(value as! Int)
                return true
            }
            if kind == Bool.self {
                out += (value as! Bool) ? "true" : "false"
                return true
            }
            if kind == [[String: Any]].self {
                return array(value as! [[String: Any]], level: level)
            }
            if kind == [String].self { return array(value as! [String], level: level) }
            if kind == Double.self {
                let d = value as! Double
                guard d.isFinite else { return false }
                out += JSONText.number(d)
                return true
            }
            if kind == NSNull.self {
                out += "null"
                return true
            }
            if kind is NSNumber.Type { return fallback(value) }
            if let s = value as? String {
                out += JSONText.string(s)
            } else if let b = value as? Bool {
                out += b ? "true" : "false"
            } else if let i = value as? Int {
                out += String(i)
            } else if let d = value as? Double {
                guard d.isFinite else { return false }
                out += JSONText.number(d)
            } else if value is NSNull {
                out += "null"
            } else if let items = value as? [Any] {
                return array(items, level: level)
            } else if let members = value as? [String: Any] {
                return object(members, level: level)
            } else {
                return fallback(value)
            }
            return true
        }

        mutating func array<Item>(_ items: [Item], level: Int) -> Bool {
            out += "["
            if items.isEmpty && pretty { out += "\n" }
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                newline(level + 1)
                guard write(item, level: level + 1) else { return false }
            }
            newline(level)
            out += "]"
            return true
        }

        mutating func object(_ members: [String: Any], level: Int) -> Bool {
            out += "{"
            if members.isEmpty && pretty { out += "\n" }
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                newline(level + 1)
                out += JSONText.string(key)
                out += pretty ? " : " : ":"
                guard let member = members[key], write(member, level: level + 1) else {
                    return false
                }
            }
            newline(level)
            out += "}"
            return true
        }

        mutating func fallback(_ value: Any) -> Bool {
            guard
                let data = try? JSONSerialization.data(
                    withJSONObject: value,
                    options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
            else { return false }
            out += String(decoding: data, as: UTF8.self)
            return true
        }
    }
}
