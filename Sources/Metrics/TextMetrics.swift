import Foundation

/// Reference metrics that need no model: edit distance, ROUGE and BLEU.
///
/// ROUGE and BLEU compare the words of ``words(_:)``. Levenshtein compares characters
/// (grapheme clusters) exactly, case included; canonically equivalent characters are equal, so
/// `café` written with a precomposed `é` (NFC) and with `e` + U+0301 (NFD) are at distance 0.
public enum TextMetrics {
    /// The words ROUGE and BLEU compare: see `MetricTokenizer` (Unicode letters and digits,
    /// case-folded; one word per character in Han, kana, Thai, Lao, Khmer and Myanmar).
    public static func words(_ text: String) -> [String] {
        MetricTokenizer.tokens(text)
    }

    /// The Levenshtein distance between `a` and `b`: the fewest single-character insertions,
    /// deletions and substitutions that turn one into the other, over grapheme clusters.
    public static func levenshtein(_ a: String, _ b: String) -> Int {
        let (left, right) = interned(a, b)
        return editDistance(left, right)
    }

    /// The Levenshtein distance when it is at most `limit`, else nil. Computes only a band of
    /// 2·limit + 1 cells per row (Ukkonen), so long texts cost O(limit · length), not
    /// O(length²).
    public static func levenshtein(_ a: String, _ b: String, atMost limit: Int) -> Int? {
        let (left, right) = interned(a, b)
        return boundedEditDistance(left, right, limit: max(0, limit))
    }

    /// Both texts as integer ids of their characters (one id per distinct grapheme cluster),
    /// so the distance compares integers instead of `Character`s.
    private static func interned(_ a: String, _ b: String) -> ([Int], [Int]) {
        var ids: [Character: Int] = [:]
        func intern(_ text: String) -> [Int] {
            text.map { character in
                if let id = ids[character] { return id }
                let id = ids.count
                ids[character] = id
                return id
            }
        }
        let left = intern(a)
        return (left, intern(b))
    }

    static func boundedEditDistance(_ a: [Int], _ b: [Int], limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let beyond = limit + 1
        var previous = (0...b.count).map { $0 <= limit ? $0 : beyond }
        var current = [Int](repeating: beyond, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit)
            let high = min(b.count, i + limit)
            current[low - 1] = low == 1 ? min(i, beyond) : beyond
            for j in low...high {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1, beyond)
            }
            if high < b.count { current[high + 1] = beyond }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// `1 − distance / longer length`: 1 for identical texts (and two empty ones), 0 when
    /// nothing lines up.
    public static func levenshteinSimilarity(distance: Int, _ a: String, _ b: String) -> Double {
        let longer = max(a.count, b.count)
        return longer == 0 ? 1 : 1 - Double(distance) / Double(longer)
    }

    /// Two-row dynamic programming: O(|a|·|b|) time, O(|b|) memory.
    static func editDistance(_ a: [Int], _ b: [Int]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            let x = a[i - 1]
            for j in 1...b.count {
                let substitution = previous[j - 1] + (x == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Maps words to small integers shared by the candidate and the reference.
    struct Interner {
        private var ids: [String: Int] = [:]

        mutating func ids(_ words: [String]) -> [Int] {
            words.map { word in
                if let id = ids[word] { return id }
                let id = ids.count
                ids[word] = id
                return id
            }
        }
    }

    /// How often each n-gram of length `n` occurs.
    static func ngramCounts(_ tokens: [Int], _ n: Int) -> [[Int]: Int] {
        var counts: [[Int]: Int] = [:]
        guard n > 0, tokens.count >= n else { return counts }
        for start in 0...(tokens.count - n) {
            counts[Array(tokens[start..<start + n]), default: 0] += 1
        }
        return counts
    }

    /// Matches of candidate n-grams in the reference, each clipped to its reference count.
    static func clippedMatches(_ candidate: [[Int]: Int], _ reference: [[Int]: Int]) -> Int {
        candidate.reduce(0) { total, entry in total + min(entry.value, reference[entry.key] ?? 0) }
    }
}
