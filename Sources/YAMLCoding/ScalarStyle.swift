/// The style the encoder asks libyaml for. libyaml still falls back to a quoted style when
/// the requested one cannot represent the text; we only add the cases it cannot know about.
enum ScalarStyle {
    case plain, singleQuoted, doubleQuoted, literal

    static func choose(for text: String, isKey: Bool = false) -> ScalarStyle {
        if text.contains("\n") {
            return !isKey && literalIsSafe(text) ? .literal : .doubleQuoted
        }
        if CoreSchema.needsQuoting(text) { return .singleQuoted }
        return .plain
    }

    /// Literal blocks normalize other line breaks and can't start with spaces or hold a
    /// trailing-space line reliably; keep those double-quoted.
    private static func literalIsSafe(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r", "\u{85}", "\u{2028}", "\u{2029}", "\t", "\u{FEFF}": return false
            default:
                if scalar.value < 0x20 && scalar != "\n" { return false }
            }
        }
        if text.first == " " { return false }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false)
        where line.last == " " {
            return false
        }
        return true
    }
}
