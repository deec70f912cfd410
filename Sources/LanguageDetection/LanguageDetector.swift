import Basics
import Foundation

/// Detects the language a text is written in, offline and deterministically.
///
/// The script decides first: Hangul is Korean, kana (with or without kanji) Japanese, Han
/// alone Chinese, Greek, Hebrew, Devanagari (Hindi) and Thai are one language each. Within
/// the Latin, Cyrillic and Arabic scripts the words are scored against built-in profiles of
/// common words, letter trigrams and marker letters (``ProfileScorer``).
///
/// Code blocks, inline code, URLs, e-mail addresses, numbers and acronyms are ignored. A text
/// with too little prose (fewer than 10 letters or 2 words in Latin script, 6 letters in
/// Cyrillic or Arabic, 2 ideographs or syllables in CJK) or whose best two candidates are too
/// close is ``DetectedLanguage/unknown``.
public enum LanguageDetector {
    /// The ISO 639-1 codes ``detect(_:)`` can return, besides `unknown`.
    public static let supportedCodes: [String] = LanguageNames.all.map(\.code)

    /// The English name of a supported code (`es` → `Spanish`), or nil.
    public static func name(of code: String) -> String? { LanguageNames.byCode[code] }

    /// The supported code `typed` most likely means (`sp` → `es`, `pt-BR` → `pt`,
    /// `Japanese` → `ja`), or nil.
    public static func suggestedCode(for typed: String) -> String? {
        LanguageNames.suggestion(for: typed)
    }

    /// The language of `text`, or ``DetectedLanguage/unknown``.
    public static func detect(_ text: String) -> DetectedLanguage {
        let prose = LanguageText(text)
        var weights = [Double](repeating: 0, count: LanguageScript.allCases.count)
        var letters = [Int](repeating: 0, count: LanguageScript.allCases.count)
        var wordsByScript: [LanguageScript: [LanguageText.Word]] = [:]
        for word in prose.words {
            wordsByScript[LanguageScript.dominant(in: word.text), default: []].append(word)
            for scalar in word.text.unicodeScalars {
                guard let script = LanguageScript.of(scalar) else { continue }
                weights[script.rawValue] += script.weight
                letters[script.rawValue] += 1
            }
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { return .unknown }
        // Kanji and kana compete together as Chinese/Japanese writing.
        var competing = weights
        competing[LanguageScript.han.rawValue] += competing[LanguageScript.kana.rawValue]
        competing[LanguageScript.kana.rawValue] = 0
        guard let top = competing.indices.max(by: { competing[$0] < competing[$1] }),
            let script = LanguageScript(rawValue: top)
        else { return .unknown }
        let share = competing[top] / total
        let count = letters[top]
        let words = wordsByScript[script] ?? []
        switch script {
        case .latin:
            guard count >= 10, words.count >= 2 else { return .unknown }
            let bonus = ["es": 4 * Double(prose.invertedMarks)]
            return ProfileScorer.latin.detect(words, bonus: bonus, share: share)
        case .cyrillic:
            guard count >= 6 else { return .unknown }
            return ProfileScorer.cyrillic.detect(words, share: share)
        case .arabic:
            guard count >= 6 else { return .unknown }
            return ProfileScorer.arabic.detect(words, share: share)
        case .han:
            let kana = letters[LanguageScript.kana.rawValue]
            let ideographs = count + kana
            guard ideographs >= 2 else { return .unknown }
            // Japanese mixes kana into nearly every sentence; Chinese does not use it.
            let japanese = Double(kana) >= 0.1 * Double(ideographs)
            let sure = japanese || ideographs >= 4 ? 1.0 : 0.8
            return single(japanese ? "ja" : "zh", weight: competing[top], share: share * sure)
        case .hangul:
            guard count >= 2 else { return .unknown }
            return single("ko", weight: competing[top], share: share)
        case .greek, .hebrew, .devanagari, .thai:
            guard count >= 4 else { return .unknown }
            let codes: [LanguageScript: String] = [
                .greek: "el", .hebrew: "he", .devanagari: "hi", .thai: "th",
            ]
            return single(codes[script] ?? "", weight: competing[top], share: share)
        case .kana, .other:
            return .unknown
        }
    }

    /// A language its script alone identifies: sure in proportion to the share of the text in
    /// that script and, up to 20 letters' weight, to its length.
    private static func single(_ code: String, weight: Double, share: Double) -> DetectedLanguage {
        let length = Swift.min(1, 0.6 + 0.4 * weight / 20)
        let confidence = share * length
        guard confidence >= ProfileScorer.minimumConfidence else { return .unknown }
        return DetectedLanguage(code: code, confidence: confidence)
    }
}
