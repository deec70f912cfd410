/// Splits text into diff tokens. Grapheme clusters (emoji with skin tones, ZWJ sequences,
/// letters with combining marks) are never split: ASCII text takes a byte fast path, since two
/// ASCII characters other than CR LF always have a grapheme break between them; everything else
/// goes through `Character`.
struct DiffTokenizer {
    let text: String
    let bytes: UnsafeBufferPointer<UInt8>

    /// Tokenizes `text`, whose UTF-8 contents are `bytes` (from `String.withUTF8`).
    static func tokenize(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> [DiffToken] {
        DiffTokenizer(text: text, bytes: bytes).tokens()
    }

    /// Tokenizes a string without the caller providing its bytes.
    static func tokenize(_ text: String) -> [DiffToken] {
        var copy = text
        return copy.withUTF8 { tokenize(text, $0) }
    }

    func tokens() -> [DiffToken] {
        var tokens: [DiffToken] = []
        tokens.reserveCapacity(bytes.count / 3)
        let n = bytes.count
        var i = 0
        var run = DiffToken(start: 0, end: 0, kind: .single, isASCII: true)
        while i < n {
            var (length, kind) = character(at: i)
            // Keep "don't" and "l’été" whole: an apostrophe between word characters joins them.
            if kind == .single, run.kind == .word, run.end == i, isApostrophe(i, length),
                i + length < n, character(at: i + length).kind == .word
            {
                kind = .word
            }
            let ascii = length == 1 && bytes[i] < 0x80 || length == 2 && bytes[i] == 0x0D
            if kind == run.kind, run.end == i, kind == .word || kind == .space {
                run.end = i + length
                run.isASCII = run.isASCII && ascii
            } else {
                if run.end > run.start { tokens.append(run) }
                run = DiffToken(start: i, end: i + length, kind: kind, isASCII: ascii)
            }
            i += length
        }
        if run.end > run.start { tokens.append(run) }
        return tokens
    }

    /// The byte length and kind of the character starting at byte `i`.
    func character(at i: Int) -> (length: Int, kind: DiffToken.Kind) {
        let b = bytes[i]
        if b < 0x80 && (i + 1 == bytes.count || bytes[i + 1] < 0x80) {
            if b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { return (2, .newline) }
            return (1, Self.asciiKind(b))
        }
        let index = text.utf8.index(text.utf8.startIndex, offsetBy: i)
        let c = text[index]
        return (max(1, c.utf8.count), Self.classify(c))
    }

    func isApostrophe(_ i: Int, _ length: Int) -> Bool {
        // ' or ’ (E2 80 99)
        length == 1 && bytes[i] == 0x27
            || length == 3 && bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99
    }

    static func asciiKind(_ b: UInt8) -> DiffToken.Kind {
        switch b {
        case 0x0A, 0x0B, 0x0C, 0x0D: return .newline
        case 0x20, 0x09: return .space
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: return .word
        default: return .single
        }
    }

    static func classify(_ c: Character) -> DiffToken.Kind {
        if let ascii = c.asciiValue { return asciiKind(ascii) }  // "\r\n" reports 0x0A
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
