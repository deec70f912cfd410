/// The writing systems language detection tells apart, by Unicode block.
enum LanguageScript: Int, CaseIterable {
    case latin, cyrillic, greek, hebrew, arabic, devanagari, thai, hangul, han, kana, other

    /// The script of a letter; `nil` for anything that is not a letter.
    static func of(_ scalar: Unicode.Scalar) -> LanguageScript? {
        let value = scalar.value
        switch value {
        case 0x41...0x5A, 0x61...0x7A: return .latin
        case 0x00C0...0x024F where value != 0xD7 && value != 0xF7: return .latin
        case 0x1E00...0x1EFF: return .latin
        case 0x0370...0x03FF, 0x1F00...0x1FFF: return .greek
        case 0x0400...0x052F: return .cyrillic
        case 0x0590...0x05FF, 0xFB1D...0xFB4F: return .hebrew
        case 0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return .arabic
        case 0x0900...0x097F: return .devanagari
        case 0x0E00...0x0E7F: return .thai
        case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF: return .hangul
        case 0x3040...0x30FF where value != 0x30FB, 0x31F0...0x31FF, 0xFF66...0xFF9F:
            return .kana
        case 0x3005: return .kana  // 々, the Japanese iteration mark
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF: return .han
        default:
            return scalar.properties.isAlphabetic ? .other : nil
        }
    }

    /// How much one letter counts when scripts compete in a mixed text: an ideograph or a
    /// Hangul syllable carries about as much as a short word of an alphabet.
    var weight: Double {
        switch self {
        case .han, .kana, .hangul: return 3
        default: return 1
        }
    }

    /// The script most of a word's letters are in.
    static func dominant(in word: String) -> LanguageScript {
        var counts = [Int](repeating: 0, count: allCases.count)
        for scalar in word.unicodeScalars {
            if let script = of(scalar) { counts[script.rawValue] += 1 }
        }
        // Kana and kanji mix inside Japanese words; they are judged together.
        if counts[kana.rawValue] > 0 {
            counts[kana.rawValue] += counts[han.rawValue]
            counts[han.rawValue] = 0
        }
        let best = counts.indices.max(by: { counts[$0] < counts[$1] }) ?? 0
        return LanguageScript(rawValue: best) ?? .other
    }
}
