import Foundation

/// The canonical request JSON written by hand, byte for byte what `JSONSerialization` with
/// `.sortedKeys` and `.withoutEscapingSlashes` writes, at a fraction of its cost: it is
/// computed for every request (it is the cache and recording key), and `JSONSerialization`'s
/// bridging and locale-aware key sorting took a third of a cached run's CPU.
/// `CanonicalJSONTests` checks the two agree.
package enum CanonicalJSON {
    /// A JSON string literal, escaped as `JSONSerialization` escapes it.
    package static func string(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 2)
        append(s, to: &out)
        return out
    }

    /// `string(s)` appended to `target` without a copy of its own: a 5 MB model output is
    /// written into a report once, not built aside first.
    package static func append(_ s: String, to target: inout String) {
        // Most text needs no escape: one pass over the bytes, then a single copy; the bytes
        // before the first escape are copied at once either way.
        let utf8 = s.utf8
        guard let first = utf8.firstIndex(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C })
        else {
            target += "\""
            target += s
            target += "\""
            return
        }
        target += "\""
        // By bytes: `first` may fall inside a character (a prepended mark before a quote).
        target += String(s.utf8[..<first]) ?? ""
        // Bytes, not scalars: every byte to escape is ASCII, and runs of the rest (multi-byte
        // characters included) are copied as they are. The bytes go to `target` a chunk at a
        // time, each cut before an ASCII byte, so no character is split between two chunks.
        var out: [UInt8] = []
        out.reserveCapacity(min(utf8.count, chunk) + 16)
        func escape(_ letter: UInt8) {
            out.append(0x5C)
            out.append(letter)
        }
        for byte in utf8[first...] {
            if byte < 0x80 && out.count >= chunk {
                target += String(decoding: out, as: UTF8.self)
                out.removeAll(keepingCapacity: true)
            }
            switch byte {
            case 0x22: escape(0x22)
            case 0x5C: escape(0x5C)
            case 0x08: escape(0x62)
            case 0x0C: escape(0x66)
            case 0x0A: escape(0x6E)
            case 0x0D: escape(0x72)
            case 0x09: escape(0x74)
            case 0..<0x20:
                escape(0x75)  // \u00XX, lowercase hex as JSONSerialization writes it
                out.append(0x30)
                out.append(0x30)
                out.append(byte >> 4 == 0 ? 0x30 : 0x31)
                let low = byte & 0xF
                out.append(low < 10 ? 0x30 + low : 0x61 + low - 10)
            default: out.append(byte)
            }
        }
        out.append(0x22)
        target += String(decoding: out, as: UTF8.self)
    }

    private static let chunk = 64 * 1024

    /// An object from already-encoded values; the caller gives the keys in sorted order.
    package static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// Any JSON value through `JSONSerialization` itself (small, rare parts: the params).
    package static func serialized(_ value: Any) -> String? {
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: value,
                options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
