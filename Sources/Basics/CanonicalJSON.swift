import Foundation

/// The canonical request JSON written by hand, byte for byte what `JSONSerialization` with
/// `.sortedKeys` and `.withoutEscapingSlashes` writes, at a fraction of its cost: it is
/// computed for every request (it is the cache and recording key), and `JSONSerialization`'s
/// bridging and locale-aware key sorting took a third of a cached run's CPU.
/// `CanonicalJSONTests` checks the two agree.
package enum CanonicalJSON {
    /// A JSON string literal, escaped as `JSONSerialization` escapes it.
    package static func string(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        appendEscaped(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `string(s)` appended to `target` without a copy of its own: a 5 MB model output is
    /// written into a report once, not built aside first.
    package static func append(_ s: String, to target: inout String) {
        var text = s
        text.withUTF8 { utf8 in
            // Most text needs no escape: one pass over the bytes, then a single copy.
            guard let first = firstEscape(in: utf8) else {
                target += "\""
                target += s
                target += "\""
                return
            }
            // The bytes go to `target` a chunk at a time, each cut before an ASCII byte, so no
            // character is split between two chunks (every byte to escape is ASCII).
            quoted(utf8, from: first) { target += $0 }
        }
    }

    /// `string(s)` handed to `write` in pieces of about `chunk` bytes, each ending between
    /// two characters: a megabyte output is never escaped into one more copy of itself.
    package static func write(_ s: String, _ write: (String) throws -> Void) rethrows {
        var text = s
        try text.withUTF8 { try quoted($0, from: 0, write) }
    }

    /// The quoted, escaped `utf8` handed to `emit` a chunk at a time (the bytes before
    /// `first` need no escape).
    private static func quoted(
        _ utf8: UnsafeBufferPointer<UInt8>, from first: Int, _ emit: (String) throws -> Void
    ) rethrows {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(min(utf8.count, chunk) + 16)
        try escapeBody(utf8, from: first, into: &out, chunk: chunk) {
            try emit(String(decoding: $0, as: UTF8.self))
            $0.removeAll(keepingCapacity: true)
        }
        out.append(0x22)
        try emit(String(decoding: out, as: UTF8.self))
    }

    /// `string(s)` appended to `out` as UTF-8 bytes.
    package static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = s
        text.withUTF8 { utf8 in
            escapeBody(utf8, from: firstEscape(in: utf8) ?? utf8.count, into: &out, chunk: .max) {
                _ in
            }
        }
        out.append(0x22)
    }

    /// The bytes of `utf8` escaped into `out` (those before `first` need none); `flush` takes
    /// `out` whenever it holds `chunk` bytes and the next byte is ASCII.
    private static func escapeBody(
        _ utf8: UnsafeBufferPointer<UInt8>, from first: Int, into out: inout [UInt8], chunk: Int,
        flush: (inout [UInt8]) throws -> Void
    ) rethrows {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[..<first]))
        var start = first
        var i = first
        while i < utf8.count {
            let byte = utf8[i]
            if byte < 0x80 && out.count + (i - start) >= chunk {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                start = i
                try flush(&out)
            }
            if byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                escape(byte, into: &out)
                start = i + 1
            }
            i += 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }

    /// The offset of the first byte that needs an escape.
    private static func firstEscape(in utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return i }
            i += 1
        }
        return nil
    }

    /// One byte that needs an escape (a quote, a backslash, a control character), escaped.
    private static func escape(_ byte: UInt8, into out: inout [UInt8]) {
        out.append(0x5C)
        switch byte {
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x08: out.append(0x62)
        case 0x0C: out.append(0x66)
        case 0x0A: out.append(0x6E)
        case 0x0D: out.append(0x72)
        case 0x09: out.append(0x74)
        default:
            // \u00XX, lowercase hex as JSONSerialization writes it.
            out.append(0x75)
            out.append(0x30)
            out.append(0x30)
            out.append(byte >> 4 == 0 ? 0x30 : 0x31)
            let low = byte & 0xF
            out.append(low < 10 ? 0x30 + low : 0x61 + low - 10)
        }
    }

    private static let chunk = 64 * 1024

    /// An object from already-encoded values; the caller gives the keys in sorted order.
    package static func object(_ fields: [(String, String)]) -> String {
        var out: [UInt8] = [0x7B]
        out.reserveCapacity(fields.reduce(2) { $0 + $1.0.utf8.count + $1.1.utf8.count + 4 })
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(0x2C) }
            appendEscaped(field.0, to: &out)
            out.append(0x3A)
            out.append(contentsOf: field.1.utf8)
        }
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
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
