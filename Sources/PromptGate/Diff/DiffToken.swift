/// A token of a text being diffed: a range of whole grapheme clusters and what it is made of.
struct DiffToken {
    enum Kind: UInt8 {
        /// A run of letters, digits, marks and `_` (apostrophes inside a word included).
        case word
        /// A run of horizontal whitespace.
        case space
        /// One line break (`\n`, `\r\n`, `\r`, U+2028…); each is its own token so lines are token runs.
        case newline
        /// One grapheme on its own: punctuation, symbols, emoji, and letters of scripts written
        /// without spaces (CJK, kana, Thai, Lao, Khmer, Myanmar).
        case single
    }

    var range: Range<String.Index>
    var kind: Kind

    var isWhitespace: Bool { kind == .space || kind == .newline }
}

/// Splits text into diff tokens. Works on `Character`s, so grapheme clusters (emoji with skin
/// tones, ZWJ sequences, letters with combining marks) are never split.
enum DiffTokenizer {
    static func tokenize(_ s: String) -> [DiffToken] {
        var tokens: [DiffToken] = []
        tokens.reserveCapacity(s.utf8.count / 3)
        let end = s.endIndex
        var i = s.startIndex
        var runStart = i
        var runKind: DiffToken.Kind?
        while i < end {
            let c = s[i]
            let next = s.utf8.index(i, offsetBy: c.utf8.count)
            var kind = classify(c)
            // Keep "don't" and "l’été" whole: an apostrophe between word characters joins them.
            if kind == .single, runKind == .word, c == "'" || c == "’", next < end,
                classify(s[next]) == .word
            {
                kind = .word
            }
            if kind != runKind || (kind != .word && kind != .space) {
                if let k = runKind, runStart < i {
                    tokens.append(DiffToken(range: runStart..<i, kind: k))
                }
                runStart = i
                runKind = kind
            }
            i = next
        }
        if let k = runKind, runStart < end {
            tokens.append(DiffToken(range: runStart..<end, kind: k))
        }
        return tokens
    }

    static func classify(_ c: Character) -> DiffToken.Kind {
        if let ascii = c.asciiValue {  // "\r\n" reports 0x0A
            switch ascii {
            case 0x0A, 0x0B, 0x0C, 0x0D: return .newline
            case 0x20, 0x09: return .space
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: return .word
            default: return .single
            }
        }
        if c.isNewline { return .newline }
        if c.isWhitespace { return .space }
        guard let scalar = c.unicodeScalars.first else { return .single }
        if isSpaceless(scalar.value) { return .single }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return .word }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .word
        default: return .single
        }
    }

    /// Scripts written without spaces between words are diffed per grapheme. Hangul is not here:
    /// Korean separates words with spaces.
    static func isSpaceless(_ v: UInt32) -> Bool {
        switch v {
        case 0x0E00...0x0EFF,  // Thai, Lao
            0x1000...0x109F, 0xA9E0...0xA9FF, 0xAA60...0xAA7F,  // Myanmar
            0x1780...0x17FF, 0x19E0...0x19FF,  // Khmer
            0x2E80...0x2FDF,  // CJK radicals
            0x3000...0x312F, 0x31A0...0x31FF,  // CJK punctuation, kana, bopomofo
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,  // CJK ideographs
            0xFF66...0xFF9F,  // halfwidth katakana
            0x20000...0x3FFFF:  // CJK extensions
            return true
        default:
            return false
        }
    }
}
