/// A small, fast JSON writer for the store's hot path (one call per result), where
/// `JSONEncoder` costs more than the rest of the bookkeeping together. Strings and objects are
/// written exactly as the canonical request JSON writes them (``CanonicalJSON``).
enum JSONText {
    /// `s` as a JSON string literal, escaped per RFC 8259.
    static func string(_ s: String) -> String { CanonicalJSON.string(s) }

    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    static func strings(_ items: [String]) -> String {
        "[" + items.map(string).joined(separator: ",") + "]"
    }

    /// An object from already-encoded values, keys in the given order.
    static func object(_ fields: [(String, String)]) -> String { CanonicalJSON.object(fields) }
}
