import Metrics

/// Evaluation of `levenshtein`, `rouge-n`, `rouge-l` and `bleu` against the reference `value`.
///
/// The score is the metric (for `levenshtein`, the similarity 1 − distance / longer length);
/// a `not-` form scores 1 − metric, so a low score always means the assertion is far from
/// holding.
extension AssertionSpec {
    func checkTextMetric(_ output: String) -> Outcome {
        guard let reference = value?.text else {
            return Outcome(passed: false, reason: "'\(typeName)' has no reference text to compare")
        }
        guard let threshold else {
            return Outcome(passed: false, reason: "'\(typeName)' needs threshold")
        }
        switch kind {
        case .levenshtein:
            return checkLevenshtein(output, reference, threshold)
        case .rougeN:
            let n = self.n ?? 1
            let score = TextMetrics.rougeN(candidate: output, reference: reference, n: n)
            let units = n == 1 ? "words" : "bigrams"
            return compare(
                "ROUGE-\(n) recall", score.recall, threshold,
                "(\(score.matched) of \(score.referenceCount) reference \(units) matched, "
                    + "precision \(Self.fixed(score.precision)))")
        case .rougeL:
            let score = TextMetrics.rougeL(candidate: output, reference: reference)
            return compare(
                "ROUGE-L F1", score.f1, threshold,
                "(common subsequence of \(score.matched) words; recall "
                    + "\(Self.fixed(score.recall)), precision \(Self.fixed(score.precision)))")
        default:
            let score = TextMetrics.bleu(candidate: output, reference: reference)
            let precisions = score.precisions.map { Self.fixed($0) }.joined(separator: "/")
            return compare(
                "BLEU", score.score, threshold,
                "(n-gram precisions \(precisions), brevity penalty "
                    + "\(Self.fixed(score.brevityPenalty)))")
        }
    }

    /// Above this many cells the exact distance is not worth computing: only whether it is
    /// within a band around the threshold.
    static let exactLevenshteinCells = 4_000_000

    private func checkLevenshtein(
        _ output: String, _ reference: String, _ threshold: Double
    ) -> Outcome {
        let limit = AssertionText.number(threshold)
        let longer = Swift.max(output.count, reference.count)
        let distance: Int?
        // Past the exact size, twice the threshold (at least 64) still shows a near miss.
        let band = Swift.max(64, 2 * Int(Swift.min(threshold, 1e6)))
        if output.count * reference.count <= Self.exactLevenshteinCells {
            distance = TextMetrics.levenshtein(output, reference)
        } else {
            distance = TextMetrics.levenshtein(output, reference, atMost: band)
        }
        let shown = distance.map(String.init) ?? "more than \(band)"
        let within = "edit distance \(shown) ≤ \(limit) from the reference"
        let beyond = "edit distance \(shown) exceeds \(limit) from the reference"
        let result = outcome(
            holds: distance.map { Double($0) <= threshold } ?? false, pass: within, fail: beyond,
            negatedPass: beyond, negatedFail: within + ", expected more")
        // Beyond the band the similarity is at most what one more edit than the band gives.
        let similarity =
            distance.map { TextMetrics.levenshteinSimilarity(distance: $0, output, reference) }
            ?? Swift.max(0, 1 - Double(band + 1) / Double(Swift.max(1, longer)))
        return graded(result, similarity)
    }

    /// Passes when `score` reaches `threshold` (up to ``Grader/tolerance``).
    private func compare(
        _ label: String, _ score: Double, _ threshold: Double, _ detail: String
    ) -> Outcome {
        let value = "\(label) \(Self.fixed(score))"
        let limit = AssertionText.number(threshold)
        let result = outcome(
            holds: score + Grader.tolerance >= threshold, pass: "\(value) ≥ \(limit) \(detail)",
            fail: "\(value) is below \(limit) \(detail)",
            negatedPass: "\(value) is below \(limit) \(detail)",
            negatedFail: "\(value) ≥ \(limit), expected less \(detail)")
        return graded(result, score)
    }

    private func graded(_ result: Outcome, _ score: Double) -> Outcome {
        var result = result
        result.score = negated ? 1 - score : score
        return result
    }

    /// Three decimals at most: `0.667`, `1`.
    static func fixed(_ value: Double) -> String {
        AssertionText.number((value * 1000).rounded() / 1000)
    }
}
