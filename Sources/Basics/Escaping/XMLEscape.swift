/// XML escaping for text and attributes. Characters XML 1.0 cannot carry, and those a terminal
/// would act on, are written as ``TerminalText`` escapes (`\x1b`; CR as `&#13;`), U+FFFE and
/// U+FFFF as U+FFFD.
package enum XMLEscape {
    package static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if let entity = HTMLEscape.entity(scalar) {
                out += entity
                continue
            }
            switch scalar {
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            default:
                if TerminalText.needsEscape(scalar) {
                    out += TerminalText.escape(scalar)
                } else if (0xFFFE...0xFFFF).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
