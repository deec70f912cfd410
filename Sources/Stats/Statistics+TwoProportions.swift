import Foundation

extension Statistics {
    /// Two-proportion z-test with the pooled variance, two-sided: `z` is positive when the
    /// second proportion is the larger, the same direction as ``differenceInterval``.
    ///
    /// Method: `z = (p̂₂ − p̂₁) / √(p̄(1 − p̄)(1/n₁ + 1/n₂))` with the pooled `p̄`, and
    /// `p = 2(1 − Φ(|z|))`; `z²` equals the statistic of R's `prop.test(correct = FALSE)`.
    /// Reference: J. L. Fleiss, B. Levin, M. C. Paik, *Statistical Methods for Rates and
    /// Proportions*, 3rd ed. (2003). `(0, 1)` when either group is empty or all outcomes
    /// are equal; NaN for invalid input.
    public static func twoProportionZTest(
        successes1: Int, trials1: Int, successes2: Int, trials2: Int
    ) -> (z: Double, p: Double) {
        guard isValidCount(trials1), isValidCount(trials2), successes1 >= 0,
            successes1 <= trials1, successes2 >= 0, successes2 <= trials2
        else { return (.nan, .nan) }
        guard trials1 > 0, trials2 > 0 else { return (0, 1) }
        let n1 = Double(trials1)
        let n2 = Double(trials2)
        let pooled = Double(successes1 + successes2) / (n1 + n2)
        let standardError = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        guard standardError > 0 else { return (0, 1) }
        let z = (Double(successes2) / n2 - Double(successes1) / n1) / standardError
        return (z, min(1, 2 * normalSurvival(z.magnitude)))
    }

    /// Confidence interval for the difference of two independent proportions, `p₂ − p₁`.
    ///
    /// Method: Newcombe's hybrid score interval (method 10): with Wilson intervals `(l₁, u₁)`
    /// and `(l₂, u₂)`, `L = D − √((p₂−l₂)² + (u₁−p₁)²)` and `U = D + √((u₂−p₂)² + (p₁−l₁)²)`.
    /// Reference: R. G. Newcombe, "Interval estimation for the difference between independent
    /// proportions: comparison of eleven methods", Statistics in Medicine 17 (1998) 873–890.
    /// `[-1, 1]` when either group is empty; NaN ends for invalid input.
    public static func differenceInterval(
        successes1: Int, trials1: Int, successes2: Int, trials2: Int, confidence: Double = 0.95
    ) -> Interval {
        let first = wilson(successes: successes1, trials: trials1, confidence: confidence)
        let second = wilson(successes: successes2, trials: trials2, confidence: confidence)
        guard !first.low.isNaN, !second.low.isNaN else { return .invalid }
        guard trials1 > 0, trials2 > 0 else { return Interval(low: -1, high: 1) }
        let p1 = Double(successes1) / Double(trials1)
        let p2 = Double(successes2) / Double(trials2)
        let difference = p2 - p1
        let below = ((p2 - second.low) * (p2 - second.low) + (first.high - p1) * (first.high - p1))
        let above = ((second.high - p2) * (second.high - p2) + (p1 - first.low) * (p1 - first.low))
        return Interval(
            low: max(-1, difference - below.squareRoot()),
            high: min(1, difference + above.squareRoot()))
    }

    /// Per-group sample size for a two-sided two-proportion test to detect `p1` versus `p2`
    /// with `power` at `alpha`.
    ///
    /// Method: `n = (z_{1−α/2} √(2p̄q̄) + z_{power} √(p₁q₁ + p₂q₂))² / (p₁ − p₂)²` with
    /// `p̄ = (p₁ + p₂)/2`, rounded up (no continuity correction). Reference: Fleiss, Levin &
    /// Paik (2003). nil when `p1 == p2`, for invalid input, or when astronomically
    /// large.
    public static func twoProportionSampleSize(
        p1: Double, p2: Double, alpha: Double = 0.05, power: Double = 0.8
    ) -> Int? {
        guard isValidProportion(p1), isValidProportion(p2), isValidLevel(alpha),
            isValidLevel(power), p1 != p2
        else { return nil }
        let mean = (p1 + p2) / 2
        let zAlpha = -normalQuantile(alpha / 2)
        let zPower = normalQuantile(power)
        let root =
            zAlpha * (2 * mean * (1 - mean)).squareRoot()
            + zPower * (p1 * (1 - p1) + p2 * (1 - p2)).squareRoot()
        let delta = p1 - p2
        return roundedUpSize(root * root / (delta * delta))
    }
}
