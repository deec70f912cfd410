/// Untrusted text made safe to print: model output, provider error bodies, feedback fields and
/// file contents quoted in diagnostics cannot move the cursor, clear the screen, set the window
/// title, ring the bell or make a line display in another order than it is stored.
///
/// ``sanitize(_:)`` replaces every Unicode scalar a terminal would act on with a visible escape
/// and leaves everything else as it is:
///
/// - C0 controls (U+0000–U+001F) except line feed and tab, so carriage return too (it lets
///   text overwrite its own line), DEL (U+007F) and the C1 controls (U+0080–U+009F) become
///   `\xHH`, two lowercase hex digits: ESC is `\x1b`, BEL `\x07`, CR `\x0d`, CSI `\x9b`.
/// - The bidirectional embedding, override and isolate controls (U+202A–U+202E and
///   U+2066–U+2069, the "Trojan Source" characters) become `\u{HHHH}`: RLO is `\u{202e}`.
///
/// Letters, combining marks, emoji, other format characters and backslashes are untouched (so
/// a literal `\x1b` in the text prints the same as an escaped ESC). A Swift string cannot hold
/// a lone surrogate: invalid UTF-8 and unpaired UTF-16 surrogates become U+FFFD (`�`) when
/// the text is decoded, before it gets here.
///
/// Text reports apply it to each untrusted field where they format it, never to a whole report,
/// so promptgate's own colors stay.
public enum TerminalText {
    /// `s` with every control, DEL, C1 and bidi control scalar except `\n` and `\t` escaped.
    public static func sanitize(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if needsEscape(scalar) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// True for the scalars ``sanitize(_:)`` escapes.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0..<0x20, 0x7F...0x9F: true
        default: isBidiControl(scalar)
        }
    }

    /// The explicit bidi embedding, override and isolate controls.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// `\x1b` below U+0100, `\u{202e}` above.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        if scalar.value < 0x100 { return "\\x" + (hex.count < 2 ? "0" + hex : hex) }
        return "\\u{" + hex + "}"
    }

    /// The most characters of an error message a report prints.
    public static let errorLimit = 500

    /// `s` cut to `limit` characters, with `… N more characters` when something was cut.
    public static func capped(_ s: String, limit: Int = errorLimit) -> String {
        let (text, omitted) = MarkdownEscape.clip(s, max: limit)
        guard omitted > 0 else { return text }
        return text
            + "… \(MarkdownEscape.grouped(omitted)) more character\(omitted == 1 ? "" : "s")"
    }
}
