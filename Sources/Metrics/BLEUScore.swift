import Foundation

/// A sentence BLEU result (Papineni et al. 2002) against one reference.
public struct BLEUScore: Sendable, Hashable {
    /// BP · exp(Σ (1/k) · log pₙ) for n = 1…k, in 0…1.
    public var score: Double
    /// The modified (clipped) precisions p₁…pₖ after smoothing, k = min(4, candidate words).
    public var precisions: [Double]
    /// exp(1 − r/c) when the candidate (c words) is shorter than the reference (r), else 1.
    public var brevityPenalty: Double
    public var candidateLength: Int
    public var referenceLength: Int
}

extension TextMetrics {
    /// The highest n-gram order BLEU counts.
    public static let bleuMaxOrder = 4

    /// Sentence BLEU with uniform weights up to 4-grams and a brevity penalty, computed as
    /// NLTK's `sentence_bleu` with `SmoothingFunction().method2`: Lin and Och's (2004) add-one
    /// smoothing, adding 1 to the numerator and denominator of p₂…p₄ (p₁ is not smoothed) so
    /// a short or loosely matching sentence does not score 0 just because no 4-gram matched.
    /// One difference from NLTK, taken from sacrebleu's sentence BLEU: orders longer than the
    /// candidate (a 3-word output has no 4-grams) are left out and the weights spread over the
    /// rest (the "effective order"), so identical texts always score 1. No unigram match, or
    /// an empty candidate, scores 0.
    public static func bleu(candidate: String, reference: String) -> BLEUScore {
        var interner = Interner()
        let cand = interner.ids(words(candidate))
        let ref = interner.ids(words(reference))
        var precisions: [Double] = []
        var unigramMatches = 0
        let order = min(bleuMaxOrder, max(1, cand.count))
        for n in 1...order {
            let candCounts = ngramCounts(cand, n)
            let matches = clippedMatches(candCounts, ngramCounts(ref, n))
            let total = max(1, candCounts.values.reduce(0, +))
            if n == 1 {
                unigramMatches = matches
                precisions.append(Double(matches) / Double(total))
            } else {
                precisions.append(Double(matches + 1) / Double(total + 1))
            }
        }
        let c = cand.count
        let r = ref.count
        let penalty = c > r ? 1 : (c == 0 ? 0 : exp(1 - Double(r) / Double(c)))
        let score =
            unigramMatches == 0 || c == 0
            ? 0 : penalty * exp(precisions.reduce(0) { $0 + log($1) } / Double(order))
        return BLEUScore(
            score: score, precisions: precisions, brevityPenalty: penalty, candidateLength: c,
            referenceLength: r)
    }
}
