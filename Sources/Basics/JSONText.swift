import Foundation

/// A small, fast JSON writer for the store's hot path (one call per result), where
/// `JSONEncoder` costs more than the rest of the bookkeeping together. Strings and objects are
/// written exactly as the canonical request JSON writes them (``CanonicalJSON``).
package enum JSONText {
    /// `s` as a JSON string literal, escaped per RFC 8259.
    package static func string(_ s: String) -> String { CanonicalJSON.string(s) }

    /// `string(s)` appended to `target`, with no copy of its own.
    package static func append(_ s: String, to target: inout String) {
        CanonicalJSON.append(s, to: &target)
    }

    /// `string(s)` handed to `write` a slice of about 64 KB at a time.
    package static func write(_ s: String, _ write: (String) throws -> Void) rethrows {
        try CanonicalJSON.write(s, write)
    }

    package static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    package static func strings(_ items: [String]) -> String {
        var out: [UInt8] = [0x5B]
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(0x2C) }
            CanonicalJSON.appendEscaped(item, to: &out)
        }
        out.append(0x5D)
        return String(decoding: out, as: UTF8.self)
    }

    /// An object from already-encoded values, keys in the given order.
    package static func object(_ fields: [(String, String)]) -> String {
        CanonicalJSON.object(fields)
    }

    /// `object` as pretty JSON with sorted keys and a final newline, as the reports write it.
    package static func pretty(_ object: Any) throws -> String {
        if let text = FoundationJSON.text(object, pretty: true) { return text + "\n" }
        // Not JSON: JSONSerialization says why.
        let data = try JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
