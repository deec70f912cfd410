import Basics

extension TextDiff {
    /// `[-removed-]{+added+}` markers, for logs and terminals without color. A change made only
    /// of whitespace is drawn with `␠` (space), `⇥` (tab), `⏎` (line break) and `⍽` (other
    /// spaces) so it is visible. Control characters in the texts are shown as escapes (`\x1b`),
    /// so model output cannot drive the terminal.
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

    /// The diff cut after `limit` characters of its texts (markers and styles not counted),
    /// with how many characters were left out, for reports that must stay short.
    public func prefix(characters limit: Int) -> (diff: TextDiff, omitted: Int) {
        var budget = max(0, limit)
        var kept: [DiffOp] = []
        var omitted = 0
        for op in ops {
            let text = op.text
            // The UTF-8 size bounds the character count: count only when it may not fit.
            let count = budget > 0 && text.utf8.count <= budget ? nil : text.count
            guard let count else {
                budget -= text.count
                kept.append(op)
                continue
            }
            if count <= budget {
                budget -= count
                kept.append(op)
            } else {
                if budget > 0 {
                    let cut = String(text.prefix(budget))
                    switch op {
                    case .equal: kept.append(.equal(cut))
                    case .delete: kept.append(.delete(cut))
                    case .insert: kept.append(.insert(cut))
                    }
                }
                omitted += count - budget
                budget = 0
            }
        }
        return (TextDiff(ops: kept), omitted)
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

    /// Control characters other than tab and line feed (ESC, CR, DEL, C1) and bidi controls
    /// made visible escapes (`\x1b`), as ``TerminalText/sanitize(_:)`` does everywhere.
    static func terminalSafe(_ s: String) -> String { TerminalText.sanitize(s) }

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
