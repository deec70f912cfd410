import Foundation

/// Case-insensitive text comparison shared by assertions and reference metrics.
public enum TextFolding {
    /// Unicode case folding for case-insensitive matching. Upper- then lower-casing applies the
    /// full mappings (`ß` → `ss`, `ﬁ` → `fi`, final `ς` → `σ`); dotted capital `İ` lower-cases
    /// to `i` + U+0307, and the dot is dropped so `İstanbul` matches `istanbul`.
    public static func caseFold(_ text: some StringProtocol) -> String {
        let folded = text.uppercased().lowercased()
        guard folded.unicodeScalars.contains("\u{307}") else { return folded }
        return folded.replacingOccurrences(of: "i\u{307}", with: "i")
    }
}
