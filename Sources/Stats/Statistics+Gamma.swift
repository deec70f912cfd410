import Foundation

extension Statistics {
    /// `log Γ(x)` for `x > 0` (`+∞` at 0, NaN for negative or NaN input).
    ///
    /// Method: the recurrence `Γ(x) = Γ(x + 1) / x` shifts `x` to at least 10, where Stirling's
    /// series with Bernoulli terms up to `B₁₄` has a truncation error below 3e-17 (Abramowitz &
    /// Stegun, *Handbook of Mathematical Functions*, ch. 6). Written here rather than calling
    /// C's `lgamma`, which writes the global `signgam` and so is not safe to call from
    /// concurrent tasks.
    public static func logGamma(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? .infinity : .nan }
        guard x.isFinite else { return x }
        // One logarithm of the product x(x+1)…, not a sum of ten rounded logarithms.
        var z = x
        var product = 1.0
        while z < 10 {
            product *= z
            z += 1
        }
        let shift = log(product)
        let inverse = 1 / z
        let inverseSquared = inverse * inverse
        // Σ B₂ₖ / (2k(2k−1) z^(2k−1)): 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷)
        // + 1/(1188z⁹) − 691/(360360z¹¹) + 1/(156z¹³); the next term is below 3e-17 at z = 10.
        let coefficients: [Double] = [
            1.0 / 156, -691.0 / 360_360, 1.0 / 1188, -1.0 / 1680, 1.0 / 1260, -1.0 / 360, 1.0 / 12,
        ]
        let series = inverse * coefficients.reduce(0) { $0 * inverseSquared + $1 }
        let halfLogTwoPi = 0.918_938_533_204_672_741_78
        return (z - 0.5) * log(z) - z + halfLogTwoPi + series - shift
    }

    /// `log C(n, k)`, the logarithm of the binomial coefficient; `-∞` when `k` is outside
    /// `0...n`, NaN for negative `n`.
    public static func logChoose(_ n: Int, _ k: Int) -> Double {
        guard n >= 0 else { return .nan }
        guard k >= 0, k <= n else { return -.infinity }
        if k == 0 || k == n { return 0 }
        return logGamma(Double(n) + 1) - logGamma(Double(k) + 1) - logGamma(Double(n - k) + 1)
    }

    /// The regularized lower incomplete gamma function `P(a, x) = γ(a, x) / Γ(a)`.
    ///
    /// NaN unless `a > 0` and `x >= 0`. See ``regularizedGammaQ(_:_:)`` for the method.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x >= 0, a.isFinite else { return .nan }
        if x == 0 { return 0 }
        if x.isInfinite { return 1 }
        return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x)
    }

    /// The regularized upper incomplete gamma function `Q(a, x) = Γ(a, x) / Γ(a)`; the
    /// chi-square survival function is `Q(df/2, x/2)`.
    ///
    /// Method: the power series for `P` when `x < a + 1`, otherwise the continued fraction for
    /// `Q` evaluated with the modified Lentz algorithm (Press et al., *Numerical Recipes*,
    /// 3rd ed., §6.2). Each side is computed directly where it is small, so tail probabilities
    /// keep their relative precision. NaN unless `a > 0` and `x >= 0`.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x >= 0, a.isFinite else { return .nan }
        if x == 0 { return 1 }
        if x.isInfinite { return 0 }
        return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x)
    }

    /// `P(X > x)` for a chi-square variable with `df` degrees of freedom.
    public static func chiSquareSurvival(_ x: Double, degreesOfFreedom df: Int) -> Double {
        guard df > 0, x >= 0 else { return x.isNaN || df <= 0 ? .nan : 1 }
        return regularizedGammaQ(Double(df) / 2, x / 2)
    }

    /// `exp(-x + a log x - log Γ(a))`, the factor shared by the series and the fraction.
    private static func gammaPrefactor(_ a: Double, _ x: Double) -> Double {
        exp(-x + a * log(x) - logGamma(a))
    }

    /// Both expansions converge in O(√a) terms near `x ≈ a`; this bounds the work for any `a`.
    private static func iterationLimit(_ a: Double) -> Int {
        10_000 + Int(min(a, 1e12).squareRoot() * 20)
    }

    private static func gammaSeries(_ a: Double, _ x: Double) -> Double {
        var denominator = a
        var term = 1 / a
        var sum = term
        for _ in 0..<iterationLimit(a) {
            denominator += 1
            term *= x / denominator
            sum += term
            if term.magnitude < sum.magnitude * 1e-16 { break }
        }
        return min(1, sum * gammaPrefactor(a, x))
    }

    private static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        for i in 1...iterationLimit(a) {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if d.magnitude < tiny { d = tiny }
            c = b + an / c
            if c.magnitude < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if (delta - 1).magnitude < 1e-16 { break }
        }
        return min(1, gammaPrefactor(a, x) * fraction)
    }
}
