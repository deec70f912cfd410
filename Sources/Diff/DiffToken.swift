/// A token of a text being diffed: a UTF-8 byte range of whole grapheme clusters and what it is
/// made of.
struct DiffToken {
    enum Kind: UInt8 {
        /// A run of letters, digits, marks and `_` (apostrophes inside a word included).
        case word
        /// A run of horizontal whitespace.
        case space
        /// One line break (`\n`, `\r\n`, `\r`, U+2028…); each is its own token so lines are
        /// runs of tokens.
        case newline
        /// One grapheme on its own: punctuation, symbols, emoji, and letters of scripts written
        /// without spaces (CJK, kana, Thai, Lao, Khmer, Myanmar).
        case single
    }

    var start: Int
    var end: Int
    var kind: Kind
    /// Whether every byte is ASCII (such tokens compare byte for byte).
    var isASCII: Bool

    var isWhitespace: Bool { kind == .space || kind == .newline }
}
