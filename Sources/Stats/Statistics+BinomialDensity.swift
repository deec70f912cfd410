import Foundation

extension Statistics {
    /// `log P(X = k)` for `X ~ Binomial(n, p)`: `-∞` when `k` is outside `0...n`, NaN when
    /// `n < 0` or `p` is outside [0, 1].
    ///
    /// Method: Loader's saddle-point expansion, as in R's `dbinom`, which writes the density as
    /// Stirling-series remainders and deviance terms instead of differences of huge log
    /// factorials, so it keeps about 15 significant digits for any `n` (log factorials of
    /// 10⁶ are ~10⁷ and would lose 7 of them). Reference: C. Loader, "Fast and Accurate
    /// Computation of Binomial Probabilities" (2000).
    public static func binomialLogPMF(_ k: Int, trials n: Int, p: Double) -> Double {
        guard n >= 0, isValidProportion(p) else { return .nan }
        guard k >= 0, k <= n else { return -.infinity }
        if p == 0 { return k == 0 ? 0 : -.infinity }
        if p == 1 { return k == n ? 0 : -.infinity }
        let count = Double(n)
        if k == 0 { return count * log1p(-p) }
        if k == n { return count * log(p) }
        let successes = Double(k)
        let failures = Double(n - k)
        let q = 1 - p
        let saddle =
            stirlingError(n) - stirlingError(k) - stirlingError(n - k)
            - deviance(successes, count * p) - deviance(failures, count * q)
        let logTwoPi = 1.837_877_066_409_345_483_56
        return saddle - 0.5 * (logTwoPi + log(successes) + log1p(-successes / count))
    }

    /// `P(X = k)` for `X ~ Binomial(n, p)`; see ``binomialLogPMF(_:trials:p:)``.
    public static func binomialPMF(_ k: Int, trials n: Int, p: Double) -> Double {
        exp(binomialLogPMF(k, trials: n, p: p))
    }

    /// `log(n!) - [(n + ½) log n - n + ½ log 2π]` for `n ≥ 1`.
    ///
    /// Exact values (computed to 20 digits) for n ≤ 15, where the series converges slowly,
    /// and the Stirling series beyond.
    static func stirlingError(_ n: Int) -> Double {
        if n <= 15 { return n >= 1 ? smallStirlingErrors[n - 1] : 0 }
        let x = Double(n)
        let s = 1 / (x * x)
        let s0 = 1.0 / 12
        let s1 = 1.0 / 360
        let s2 = 1.0 / 1260
        let s3 = 1.0 / 1680
        let s4 = 1.0 / 1188
        if n > 500 { return (s0 - s1 * s) / x }
        if n > 80 { return (s0 - (s1 - s2 * s) * s) / x }
        if n > 35 { return (s0 - (s1 - (s2 - s3 * s) * s) * s) / x }
        return (s0 - (s1 - (s2 - (s3 - s4 * s) * s) * s) * s) / x
    }

    private static let smallStirlingErrors: [Double] = [
        0.081061466795327258, 0.041340695955409294, 0.027677925684998339,
        0.020790672103765093, 0.016644691189821192, 0.013876128823070748,
        0.011896709945891770, 0.010411265261972096, 0.0092554621827127329,
        0.0083305634333628713, 0.0075736754879518408, 0.0069428401072095299,
        0.0064089941880042071, 0.0059513701127588477, 0.0055547335519628014,
    ]

    /// The deviance term `x log(x / m) + m - x`, summed as a series when `x ≈ m`, where the
    /// direct formula would cancel catastrophically.
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if (x - m).magnitude < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            var sum = (x - m) * v
            if sum.magnitude < Double.leastNormalMagnitude { return sum }
            var term = 2 * x * v
            v *= v
            for j in 1..<1000 {
                term *= v
                let next = sum + term / Double(2 * j + 1)
                if next == sum { return next }
                sum = next
            }
            return sum
        }
        return x * log(x / m) + m - x
    }
}
