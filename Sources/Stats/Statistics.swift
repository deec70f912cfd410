/// Statistics for comparing prompt versions, written from first principles.
///
/// Paired data (two prompt versions run on the same test cases) use McNemar's exact test,
/// the sign test, a sign-flip permutation test and Newcombe's paired interval; unpaired data
/// (A/B outcomes from production) use the two-proportion z-test, Fisher's exact test and
/// Newcombe's hybrid score interval. The exact tests follow R's conventions so results can be
/// checked against `binom.test` and `fisher.test`.
///
/// Numerical care: probabilities are computed in log space (Loader's saddle-point binomial
/// density), tail sums stop once terms no longer change the sum, and counts are converted to
/// `Double` before they are multiplied, so inputs up to millions of trials neither overflow
/// nor take long. Invalid input (negative counts, successes above trials, probabilities
/// outside [0, 1]) yields NaN rather than a crash; NaN compares false, so a gate reading
/// `p < alpha` stays conservative.
public enum Statistics {
    /// Counts above this are rejected as invalid, so that sums of four counts cannot overflow.
    static let maximumCount = 1 << 50

    /// R's relative tolerance when deciding which outcomes are "as extreme" as the observed one.
    static let relativeTolerance = 1e-7

    static func isValidCount(_ count: Int) -> Bool { count >= 0 && count <= maximumCount }

    static func isValidProportion(_ value: Double) -> Bool { value >= 0 && value <= 1 }

    static func isValidLevel(_ value: Double) -> Bool { value > 0 && value < 1 }

    /// The two-sided critical value `z` with `P(|Z| > z) = 1 - confidence`.
    static func criticalValue(confidence: Double) -> Double {
        -normalQuantile((1 - confidence) / 2)
    }

    /// The smallest index in `range` where `predicate` holds, for a predicate that is false
    /// and then true across the range; `range.upperBound + 1` when it never holds.
    static func partitionPoint(
        in range: ClosedRange<Int>, where predicate: (Int) -> Bool
    ) -> Int {
        var low = range.lowerBound
        var high = range.upperBound + 1
        while low < high {
            let middle = low + (high - low) / 2
            if predicate(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// A sample size as a whole number, rounded up; nil when not finite or too large.
    ///
    /// A relative slack of 1e-12 keeps an exact integer such as 233 from becoming 234 through
    /// rounding error.
    static func roundedUpSize(_ size: Double) -> Int? {
        guard size.isFinite, size >= 0, size < 1e15 else { return nil }
        return max(1, Int((size * (1 - 1e-12)).rounded(.up)))
    }
}
