/// The verdict on one case: its assertion results folded into a score and pass/fail.
public struct CaseGrade: Sendable, Hashable {
    /// Whether the case passes (see ``Grader/grade(_:threshold:)``).
    public var passed: Bool
    /// The weighted score in 0…1.
    public var score: Double
    /// The results the grade was computed from, skipped ones included.
    public var results: [AssertionResult]

    public init(passed: Bool, score: Double, results: [AssertionResult]) {
        self.passed = passed
        self.score = score
        self.results = results
    }
}

/// Turns a case's assertion results into a ``CaseGrade``.
public enum Grader {
    /// Scores compare with a threshold up to this much rounding error, so 0.7 of
    /// weights summed as floating point still passes `threshold: 0.7`.
    package static let tolerance = 1e-9

    /// Grades a case. Skipped results do not count at all.
    ///
    /// - The score is Σ weight·score / Σ weight over the counted results; it is 1 when nothing
    ///   counts (no assertions, all skipped, or all of weight 0).
    /// - With a `threshold`, the case passes iff score ≥ threshold; without one, iff every
    ///   counted result passed (weight-0 results included: weight only shapes the score).
    public static func grade(_ results: [AssertionResult], threshold: Double?) -> CaseGrade {
        let counted = results.filter { !$0.skipped }
        let totalWeight = counted.reduce(0) { $0 + Swift.max(0, $1.weight) }
        let score: Double
        if totalWeight > 0 {
            let earned = counted.reduce(0) {
                $0 + Swift.max(0, $1.weight) * Swift.min(1, Swift.max(0, $1.score))
            }
            score = Swift.min(1, earned / totalWeight)
        } else {
            score = 1
        }
        let passed: Bool
        if let threshold {
            passed = score + tolerance >= threshold
        } else {
            passed = counted.allSatisfy(\.passed)
        }
        return CaseGrade(passed: passed, score: score, results: results)
    }
}
