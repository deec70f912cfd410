import Foundation

/// Tells apart the languages of one script by scoring words against their profiles.
///
/// Each word found in k profiles' word lists adds 1/k to each of them (a word all of them use
/// says little); each word's trigrams add up to ``trigramWeight`` the same way; marker letters
/// add their weight per occurrence. The best score wins when it leads the runner-up clearly.
struct ProfileScorer {
    let profiles: [LanguageProfile]
    private let words: [String: [Int]]
    private let trigrams: [UInt64: [Int]]
    private let markers: [Unicode.Scalar: [(language: Int, weight: Double)]]

    /// How much a word's trigrams count at most, next to 1 for a word in a word list.
    static let trigramWeight = 0.6
    /// How much the lead over the runner-up must be, relative to the best score.
    static let minimumMargin = 0.12
    /// Results less sure than this are reported as unknown.
    static let minimumConfidence = 0.2

    init(_ profiles: [LanguageProfile]) {
        self.profiles = profiles
        var words: [String: [Int]] = [:]
        var trigrams: [UInt64: [Int]] = [:]
        var markers: [Unicode.Scalar: [(language: Int, weight: Double)]] = [:]
        for (index, profile) in profiles.enumerated() {
            for word in profile.words { words[word, default: []].append(index) }
            for trigram in profile.trigrams {
                let scalars = Array(trigram.unicodeScalars)
                guard scalars.count == 3 else { continue }
                trigrams[Self.key(scalars[0], scalars[1], scalars[2]), default: []].append(index)
            }
            for (scalar, weight) in profile.markers {
                markers[scalar, default: []].append((index, weight))
            }
        }
        self.words = words
        self.trigrams = trigrams
        self.markers = markers
    }

    static let latin = ProfileScorer(LanguageProfile.latin)
    static let cyrillic = ProfileScorer(LanguageProfile.cyrillic)
    static let arabic = ProfileScorer(LanguageProfile.arabicScript)

    /// Each profile's score for `words`, in profile order. `bonus` adds evidence found outside
    /// the words (Spanish inverted marks).
    func scores(_ words: [LanguageText.Word], bonus: [String: Double] = [:]) -> [Double] {
        var scores = [Double](repeating: 0, count: profiles.count)
        for (index, profile) in profiles.enumerated() {
            scores[index] += bonus[profile.code] ?? 0
        }
        var wordScores = scores.map { _ in 0.0 }
        for word in words {
            for index in wordScores.indices { wordScores[index] = 0 }
            let lower = word.text.lowercased()
            addMarkers(of: word.text, lower, to: &wordScores)
            let folded = LanguageProfile.fold(lower)
            if !addWord(folded, to: &wordScores), folded.contains("'") {
                // Elisions and contractions: l'api, dell'utente, don't.
                let parts = folded.split(separator: "'", maxSplits: 1).map(String.init)
                if parts.count == 2 {
                    addWord(parts[0] + "'", to: &wordScores)
                    _ =
                        addWord("'" + parts[1], to: &wordScores)
                        || addWord(parts[1], to: &wordScores)
                }
            }
            for piece in folded.split(separator: "'") { addTrigrams(of: piece, to: &wordScores) }
            for index in scores.indices { scores[index] += word.weight * wordScores[index] }
        }
        return scores
    }

    /// The language with the best score, or unknown when nothing scored or two languages are
    /// too close; `share` (0…1) scales the confidence by how much of the text is this script.
    func detect(_ words: [LanguageText.Word], bonus: [String: Double] = [:], share: Double)
        -> DetectedLanguage
    {
        let scores = scores(words, bonus: bonus)
        let ranked = scores.indices.sorted { scores[$0] > scores[$1] }
        guard let first = ranked.first, scores[first] > 0 else { return .unknown }
        let best = scores[first]
        let second = ranked.count > 1 ? scores[ranked[1]] : 0
        let margin = (best - second) / best
        let evidence = 1 - exp(-best / 2)
        let confidence = share * evidence * (0.35 + 0.65 * margin)
        guard margin >= Self.minimumMargin, confidence >= Self.minimumConfidence else {
            return .unknown
        }
        return DetectedLanguage(code: profiles[first].code, confidence: confidence)
    }

    @discardableResult
    private func addWord(_ word: String, to scores: inout [Double]) -> Bool {
        guard let languages = words[word] else { return false }
        let share = 1 / Double(languages.count)
        for language in languages { scores[language] += share }
        return true
    }

    private func addTrigrams(of piece: Substring, to scores: inout [Double]) {
        var previous2: Unicode.Scalar = " "
        var previous1: Unicode.Scalar = " "
        var count = 0
        var hits = [Double](repeating: 0, count: profiles.count)
        var found = false
        for scalar in piece.unicodeScalars + [" "] {
            count += 1
            if count >= 2, let languages = trigrams[Self.key(previous2, previous1, scalar)] {
                let share = 1 / Double(languages.count)
                for language in languages { hits[language] += share }
                found = true
            }
            (previous2, previous1) = (previous1, scalar)
        }
        guard found, count >= 2 else { return }
        let total = Double(count - 1)
        for language in hits.indices where hits[language] > 0 {
            scores[language] += Self.trigramWeight * hits[language] / total
        }
    }

    /// Three scalars packed into one number (21 bits each), a cheap dictionary key.
    private static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar)
        -> UInt64
    {
        UInt64(a.value) << 42 | UInt64(b.value) << 21 | UInt64(c.value)
    }

    /// Marker letters, plus the Vietnamese tone-marked vowels and Turkish dotted capital I.
    private func addMarkers(of word: String, _ lower: String, to scores: inout [Double]) {
        for scalar in lower.unicodeScalars {
            if let entries = markers[scalar] {
                for entry in entries { scores[entry.language] += entry.weight }
            } else if (0x1EA0...0x1EF9).contains(scalar.value) {
                add(3, to: "vi", &scores)
            }
        }
        if word.unicodeScalars.contains("\u{130}") { add(5, to: "tr", &scores) }
    }

    private func add(_ weight: Double, to code: String, _ scores: inout [Double]) {
        if let index = profiles.firstIndex(where: { $0.code == code }) {
            scores[index] += weight
        }
    }
}
