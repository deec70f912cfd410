/// Escaping for Markdown that may hold untrusted text (model output, inputs, ids from suites).
///
/// Untrusted text goes either into a fenced code block, whose fence is longer than any
/// backtick run inside, or through ``text(_:)``, which turns every character that could start
/// markup, end a table cell or open an HTML tag into an entity.
package enum MarkdownEscape {
    /// Inline text for a paragraph, a table cell or an HTML element: `|`, `<`, `>`, `&` and
    /// Markdown punctuation become entities; line breaks become spaces; control characters go;
    /// bidi controls are shown as escapes (`\u{202e}`).
    package static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|": out += "&#124;"
            case "\\": out += "&#92;"
            case "`": out += "&#96;"
            case "*": out += "&#42;"
            case "_": out += "&#95;"
            case "[": out += "&#91;"
            case "]": out += "&#93;"
            case "~": out += "&#126;"
            case "#": out += "&#35;"
            case "!": out += "&#33;"
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}": out += " "
            default:
                let v = scalar.value
                if TerminalText.isBidiControl(scalar) {
                    out += TerminalText.escape(scalar)
                } else if v >= 0x20 && !(0x7F...0x9F).contains(v) {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A fenced code block holding `s` verbatim (control characters made visible escapes, as in
    /// ``TerminalText/sanitize(_:)``). The fence is
    /// one backtick longer than the longest backtick run in `s`, so nothing inside can close it.
    package static func fenced(_ s: String, info: String = "text") -> String {
        let body = TerminalText.sanitize(s)
        var longest = 0
        var run = 0
        for byte in body.utf8 {
            if byte == UInt8(ascii: "`") {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        var out = fence + info + "\n" + body
        if !body.hasSuffix("\n") { out += "\n" }
        return out + fence + "\n"
    }

    /// The first `max` characters of `s` and how many were left out.
    package static func clip(_ s: String, max: Int) -> (text: String, omitted: Int) {
        // Counting characters is linear; skip it for texts whose UTF-8 size already fits.
        guard s.utf8.count > max else { return (s, 0) }
        let total = s.count
        guard total > max else { return (s, 0) }
        return (String(s.prefix(max)), total - max)
    }

    /// `60,000`.
    package static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
