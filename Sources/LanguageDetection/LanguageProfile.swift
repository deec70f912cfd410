/// What marks a language among others of the same script: its most common words (function
/// words, question words and the vocabulary of support requests), its characteristic letter
/// trigrams (`_` marks a word boundary: `_th`, `ng_`) and the letters only it, or few others, use.
///
/// Written by hand from general knowledge of each language, not fitted to any data set.
struct LanguageProfile {
    var code: String
    var words: Set<String>
    var trigrams: Set<String>
    /// Letter → how much one occurrence counts for this language.
    var markers: [Unicode.Scalar: Double]

    init(code: String, words: String, trigrams: String, markers: String = "") {
        self.code = code
        self.words = Set(
            words.split(whereSeparator: \.isWhitespace).map { Self.fold(String($0)) })
        self.trigrams = Set(
            trigrams.split(whereSeparator: \.isWhitespace).filter { $0.count == 3 }.map {
                Self.fold($0.replacingOccurrences(of: "_", with: " "))
            })
        self.markers = Self.parseMarkers(markers)
    }

    /// `"ñ:4 ç:1.5"` → [ñ: 4, ç: 1.5].
    private static func parseMarkers(_ text: String) -> [Unicode.Scalar: Double] {
        var markers: [Unicode.Scalar: Double] = [:]
        for item in text.split(whereSeparator: \.isWhitespace) {
            let parts = item.split(separator: ":")
            guard parts.count == 2, let scalar = parts[0].unicodeScalars.first,
                parts[0].unicodeScalars.count == 1, let weight = Double(parts[1])
            else { continue }
            markers[scalar] = weight
        }
        return markers
    }

    /// A lower-cased word in the form profiles are matched in: Arabic-script letters that
    /// Arabic and Persian write differently (ي/ی, ك/ک, ى) are unified, vowel marks and the
    /// tatweel are dropped, and the dot of a lower-cased `İ` is removed.
    static func fold(_ word: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            switch scalar.value {
            case 0x064A, 0x0649: result.append("\u{06CC}")
            case 0x0643: result.append("\u{06A9}")
            case 0x064B...0x065F, 0x0670, 0x0640, 0x0307: continue
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Every Latin-script language the detector knows.
    static let latin: [LanguageProfile] = [
        english, spanish, french, german, portuguese, italian, dutch, swedish, polish, turkish,
        czech, romanian, finnish, hungarian, vietnamese, indonesian,
    ]
}
