import Basics
import Foundation

/// Request bodies (`JSONSerialization`-style objects: strings, `Bool`, `Int`, `Double`,
/// `NSNull`, arrays and `[String: Any]`) written as compact JSON with sorted keys, by hand:
/// `JSONSerialization` with its bridging and locale-aware key sorting cost more CPU per
/// request than the rest of sending it. Anything else (an `NSNumber` read off the wire) goes
/// through `JSONSerialization` as before.
enum WireEncoder {
    /// The object's JSON, or nil when part of it is not JSON (a non-finite number, a type
    /// `JSONSerialization` rejects too).
    static func encode(_ object: Any) -> String? {
        var out = ""
        return write(object, into: &out) ? out : nil
    }

    private static func write(_ value: Any, into out: inout String) -> Bool {
        if type(of: value) is NSNumber.Type { return fallback(value, into: &out) }
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
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                guard write(item, into: &out) else { return false }
            }
            out += "]"
        } else if let members = value as? [String: Any] {
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                out += JSONText.string(key)
                out += ":"
                guard let member = members[key], write(member, into: &out) else { return false }
            }
            out += "}"
        } else {
            return fallback(value, into: &out)
        }
        return true
    }

    private static func fallback(_ value: Any, into out: inout String) -> Bool {
        guard let text = WireJSON.text(value) else { return false }
        out += text
        return true
    }
}
