extension TextDiff {
    /// `[-removed-]{+added+}` markers, for logs and terminals without color. A change made only
    /// of whitespace is drawn with `␠` (space), `⇥` (tab), `⏎` (line break) and `⍽` (other
    /// spaces) so it is visible. Control characters in the texts are shown as control pictures
    /// (`␛`), so model output cannot drive the terminal.
    public func markers() -> String {
        var out = ""
        for op in ops {
            switch op {
            case .equal(let s): out += Self.terminalSafe(s)
            case .delete(let s): out += "[-" + Self.terminalSafe(Self.shown(s)) + "-]"
            case .insert(let s): out += "{+" + Self.terminalSafe(Self.shown(s)) + "+}"
            }
        }
        return out
    }

    /// ANSI colors: removed text struck through on red, added text on green. Styles are closed
    /// before each line break so colors never bleed into the next line; whitespace-only changes
    /// and control characters are shown as in `markers()`.
    public func ansi() -> String {
        var out = ""
        for op in ops {
            switch op {
            case .equal(let s): out += Self.terminalSafe(s)
            case .delete(let s): out += Self.styled("9;41", Self.terminalSafe(Self.shown(s)))
            case .insert(let s): out += Self.styled("42", Self.terminalSafe(Self.shown(s)))
            }
        }
        return out
    }

    /// HTML in which every text is escaped, removals in `<del>` and additions in `<ins>`; safe
    /// for untrusted model output. Meant for an element with `white-space: pre-wrap`.
    public func html() -> String {
        var out = ""
        for op in ops {
            switch op {
            case .equal(let s): out += HTMLEscape.escape(s)
            case .delete(let s): out += "<del>" + HTMLEscape.escape(Self.shown(s)) + "</del>"
            case .insert(let s): out += "<ins>" + HTMLEscape.escape(Self.shown(s)) + "</ins>"
            }
        }
        return out
    }

    /// Old and new texts as separate escaped HTML, for side-by-side columns: the old column
    /// marks removals with `<del>`, the new column additions with `<ins>`.
    public func htmlSideBySide() -> (old: String, new: String) {
        var old = ""
        var new = ""
        for op in ops {
            switch op {
            case .equal(let s):
                let escaped = HTMLEscape.escape(s)
                old += escaped
                new += escaped
            case .delete(let s): old += "<del>" + HTMLEscape.escape(Self.shown(s)) + "</del>"
            case .insert(let s): new += "<ins>" + HTMLEscape.escape(Self.shown(s)) + "</ins>"
            }
        }
        return (old, new)
    }

    /// A changed text as displayed: whitespace-only changes become visible symbols.
    static func shown(_ s: String) -> String {
        guard s.allSatisfy(\.isWhitespace) else { return s }
        var out = ""
        for c in s {
            switch c {
            case " ": out += "␠"
            case "\t": out += "⇥"
            default: out += c.isNewline ? "⏎" : "⍽"
            }
        }
        return out
    }

    /// Replaces control characters other than tab and line feed (ESC, lone CR, DEL, C1) with
    /// visible stand-ins.
    static func terminalSafe(_ s: String) -> String {
        let needsWork = s.unicodeScalars.contains { v in
            isControl(v) && v != "\t" && v != "\n" && v != "\r"
        }
        guard needsWork || s.utf8.contains(0x0D) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            guard c.unicodeScalars.count == 1, let v = c.unicodeScalars.first, isControl(v),
                v != "\t", v != "\n"
            else {
                out.append(c)
                continue
            }
            switch v.value {
            case 0..<0x20: out.unicodeScalars.append(Unicode.Scalar(0x2400 + v.value) ?? "\u{FFFD}")
            case 0x7F: out += "␡"
            default: out += "\u{FFFD}"
            }
        }
        return out
    }

    private static func isControl(_ v: Unicode.Scalar) -> Bool {
        v.value < 0x20 || (0x7F...0x9F).contains(v.value)
    }

    /// Wraps each line of `s` in an SGR style, leaving the line breaks unstyled.
    private static func styled(_ code: String, _ s: String) -> String {
        var out = ""
        var line = ""
        func flush() {
            if !line.isEmpty { out += "\u{1B}[\(code)m" + line + "\u{1B}[0m" }
            line = ""
        }
        for c in s {
            if c.isNewline {
                flush()
                out.append(c)
            } else {
                line.append(c)
            }
        }
        flush()
        return out
    }
}
