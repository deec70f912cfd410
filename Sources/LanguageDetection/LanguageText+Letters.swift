// How language detection classifies letters and words, with fast paths for ASCII.
extension LanguageText {
    /// Whether a chunk ends with a period, colon or the like.
    static func endsSentence(_ chunk: Substring) -> Bool {
        switch chunk.unicodeScalars.last {
        case ".", "!", "?", ":", ";", "…", "。", "！", "？": return true
        default: return false
        }
    }

    enum ScalarKind { case letter, digit, other }

    /// Letters (and combining marks, which belong to the letter before), digits, the rest;
    /// ASCII is decided without the Unicode property tables.
    static func kind(of scalar: Unicode.Scalar) -> ScalarKind {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A: return .letter
        case 0x30...0x39: return .digit
        case 0...0x7F: return .other
        default:
            let properties = scalar.properties
            if properties.isAlphabetic || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
            {
                return .letter
            }
            return properties.numericType != nil ? .digit : .other
        }
    }

    static func isUpper(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase
    }

    static func isLower(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x61...0x7A).contains(scalar.value) : scalar.properties.isLowercase
    }

    /// A capital letter followed by small ones: Settings, Rechnungen.
    static func isCapitalized(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, Self.isUpper(first) else {
            return false
        }
        return word.unicodeScalars.contains(where: Self.isLower)
    }

    /// Kanji and kana belong together in Japanese words.
    static func family(_ script: LanguageScript) -> LanguageScript {
        script == .kana ? .han : script
    }

    /// At least two cased letters, all of them capitals.
    static func isAllCapitals(_ word: String) -> Bool {
        var capitals = 0
        for scalar in word.unicodeScalars {
            if isLower(scalar) { return false }
            if isUpper(scalar) { capitals += 1 }
        }
        return capitals >= 2
    }

    /// A capital right after a small letter: iPhone, RateLimit.
    static func isCamelCase(_ word: String) -> Bool {
        var previousLower = false
        for scalar in word.unicodeScalars {
            if previousLower && isUpper(scalar) { return true }
            previousLower = isLower(scalar)
        }
        return false
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
