/// Writes JSON as UTF-8 bytes, safe to embed in an HTML `<script>` element: `<` becomes
/// `\u003c` and the line separators U+2028 and U+2029 are escaped as well.
struct JSONWriter {
    var bytes: [UInt8] = []

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A JSON string literal of `s`; with `html`, of `s` escaped as HTML text first (`&`, `<`,
    /// `>`, `"`, `'` as in ``HTMLEscape``), in the same pass.
    mutating func string(_ s: String, html: Bool = false) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        // A big string makes room for itself and a few escapes once: doubling would hold the
        // old buffer and one twice its size together.
        let count = s.utf8.count
        if count >= 65_536, bytes.capacity - bytes.count < count {
            bytes.reserveCapacity(bytes.count + count + count / 16 + 64)
        }
        s.withUTF8 { buffer in
            var start = 0
            var i = 0
            while i < buffer.count {
                let byte = buffer[i]
                let isSeparator =
                    byte == 0xE2 && i + 2 < buffer.count && buffer[i + 1] == 0x80
                    && (buffer[i + 2] == 0xA8 || buffer[i + 2] == 0xA9)
                let special =
                    byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || isSeparator
                    || (html && (byte == 0x26 || byte == 0x3E || byte == 0x27))
                guard special else {
                    i += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<i]))
                switch byte {
                case 0x22 where html: raw("&quot;")
                case 0x3C where html: raw("&lt;")
                case 0x26: raw("&amp;")
                case 0x3E: raw("&gt;")
                case 0x27: raw("&#39;")
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0xE2:
                    raw(buffer[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    i += 2
                default: hexEscape(byte)
                }
                i += 1
                start = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<buffer.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `\u00XX`.
    private mutating func hexEscape(_ byte: UInt8) {
        let digits: StaticString = "0123456789abcdef"
        raw("\\u00")
        digits.withUTF8Buffer { d in
            bytes.append(d[Int(byte >> 4)])
            bytes.append(d[Int(byte & 0x0F)])
        }
    }
}
