/// A ROUGE result: how many units of the reference the candidate matched.
///
/// The units are n-grams for ROUGE-N and the longest common subsequence's words for ROUGE-L.
/// Two empty texts score 1 everywhere; when only one side is empty every score is 0.
public struct OverlapScore: Sendable, Hashable {
    /// Units matched (clipped n-gram matches, or the LCS length).
    public var matched: Int
    /// Units in the candidate (the output) and in the reference.
    public var candidateCount: Int
    public var referenceCount: Int

    public init(matched: Int, candidateCount: Int, referenceCount: Int) {
        self.matched = matched
        self.candidateCount = candidateCount
        self.referenceCount = referenceCount
    }

    /// matched / reference units.
    public var recall: Double { ratio(matched, referenceCount) }
    /// matched / candidate units.
    public var precision: Double { ratio(matched, candidateCount) }
    /// The harmonic mean of precision and recall (F-measure with β = 1).
    public var f1: Double {
        let p = precision
        let r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    private func ratio(_ part: Int, _ whole: Int) -> Double {
        if candidateCount == 0 && referenceCount == 0 { return 1 }
        return whole == 0 ? 0 : Double(part) / Double(whole)
    }
}

extension TextMetrics {
    /// ROUGE-N (Lin 2004) of `candidate` against `reference`: n-gram overlap with each n-gram
    /// matched at most as often as it occurs in the reference. The assertion uses ``OverlapScore/recall``.
    public static func rougeN(candidate: String, reference: String, n: Int) -> OverlapScore {
        var interner = Interner()
        let cand = ngramCounts(interner.ids(words(candidate)), n)
        let ref = ngramCounts(interner.ids(words(reference)), n)
        return OverlapScore(
            matched: clippedMatches(cand, ref), candidateCount: cand.values.reduce(0, +),
            referenceCount: ref.values.reduce(0, +))
    }

    /// ROUGE-L: the longest common subsequence of words; the assertion uses ``OverlapScore/f1``
    /// (β = 1, as Google's rouge-score package reports).
    public static func rougeL(candidate: String, reference: String) -> OverlapScore {
        var interner = Interner()
        let cand = interner.ids(words(candidate))
        let ref = interner.ids(words(reference))
        return OverlapScore(
            matched: longestCommonSubsequence(cand, ref), candidateCount: cand.count,
            referenceCount: ref.count)
    }

    /// Two-row dynamic programming: O(|a|·|b|) time, O(|b|) memory.
    static func longestCommonSubsequence(_ a: [Int], _ b: [Int]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for j in 1...b.count {
                current[j] = x == b[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
