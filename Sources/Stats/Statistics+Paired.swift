import Foundation

extension Statistics {
    /// Confidence interval for the difference of two paired proportions, candidate − base,
    /// from the 2×2 counts of the same cases run on both versions: `a` both pass, `b` base
    /// pass / candidate fail, `c` base fail / candidate pass, `d` both fail.
    ///
    /// Method: Newcombe's method 10, which combines the Wilson intervals `(l₁, u₁)` of the
    /// candidate's pass rate `p₁ = (a + c)/n` and `(l₂, u₂)` of the base's `p₂ = (a + b)/n`
    /// with the correlation between them:
    /// `L = D − √((p₁−l₁)² − 2φ(p₁−l₁)(u₂−p₂) + (u₂−p₂)²)`,
    /// `U = D + √((u₁−p₁)² − 2φ(u₁−p₁)(p₂−l₂) + (p₂−l₂)²)`, with `D = (c − b)/n` and `φ` the
    /// phi coefficient of the table with a continuity correction on `ad − bc`
    /// (`ad − bc − n/2` above `n/2`, 0 between 0 and `n/2`, unchanged below 0; φ = 0 when a
    /// margin is empty). Reference: R. G. Newcombe, "Improved confidence intervals for the
    /// difference between binomial proportions based on paired data", Statistics in Medicine
    /// 17 (1998) 2635–2650. `[-1, 1]` when there are no pairs; NaN ends for invalid input.
    public static func pairedDifferenceInterval(
        a: Int, b: Int, c: Int, d: Int, confidence: Double = 0.95
    ) -> Interval {
        guard [a, b, c, d].allSatisfy(isValidCount), isValidLevel(confidence) else {
            return .invalid
        }
        let total = a + b + c + d
        if total == 0 { return Interval(low: -1, high: 1) }
        let n = Double(total)
        let candidate = wilson(successes: a + c, trials: total, confidence: confidence)
        let base = wilson(successes: a + b, trials: total, confidence: confidence)
        let candidateRate = Double(a + c) / n
        let baseRate = Double(a + b) / n
        let phi = correctedPhi(a: Double(a), b: Double(b), c: Double(c), d: Double(d))

        let candidateBelow = candidateRate - candidate.low
        let candidateAbove = candidate.high - candidateRate
        let baseBelow = baseRate - base.low
        let baseAbove = base.high - baseRate
        let lowerSquared =
            candidateBelow * candidateBelow - 2 * phi * candidateBelow * baseAbove
            + baseAbove * baseAbove
        let upperSquared =
            candidateAbove * candidateAbove - 2 * phi * candidateAbove * baseBelow
            + baseBelow * baseBelow
        let difference = Double(c - b) / n
        return Interval(
            low: max(-1, difference - max(0, lowerSquared).squareRoot()),
            high: min(1, difference + max(0, upperSquared).squareRoot()))
    }

    /// Newcombe's continuity-corrected phi coefficient of a 2×2 table (computed in `Double`:
    /// the product of the margins reaches 10²⁴ for a million pairs).
    private static func correctedPhi(a: Double, b: Double, c: Double, d: Double) -> Double {
        let margins = (a + b) * (c + d) * (a + c) * (b + d)
        guard margins > 0 else { return 0 }
        let n = a + b + c + d
        let cross = a * d - b * c
        let corrected: Double
        if cross > n / 2 {
            corrected = cross - n / 2
        } else if cross >= 0 {
            corrected = 0
        } else {
            corrected = cross
        }
        return max(-1, min(1, corrected / margins.squareRoot()))
    }

    /// Number of pairs for McNemar's test to detect discordant probabilities `p10`
    /// (base pass → candidate fail) and `p01` (fail → pass) with `power` at two-sided `alpha`.
    ///
    /// Method: Connor's formula
    /// `n = (z_{1−α/2} √ψ + z_{power} √(ψ − δ²))² / δ²` with `ψ = p10 + p01` and
    /// `δ = p10 − p01`, rounded up. Reference: R. J. Connor, "Sample size for testing
    /// differences in proportions for the paired-sample design", Biometrics 43 (1987) 207–211.
    /// nil when `p10 == p01`, for invalid input (probabilities outside [0, 1] or summing above
    /// 1, `alpha` or `power` outside (0, 1)), or when the size is astronomically large.
    public static func mcnemarSampleSize(
        p10: Double, p01: Double, alpha: Double = 0.05, power: Double = 0.8
    ) -> Int? {
        guard isValidProportion(p10), isValidProportion(p01), p10 + p01 <= 1 + 1e-12,
            isValidLevel(alpha), isValidLevel(power), p10 != p01
        else { return nil }
        let discordant = p10 + p01
        let delta = p10 - p01
        let zAlpha = -normalQuantile(alpha / 2)
        let zPower = normalQuantile(power)
        let root =
            zAlpha * discordant.squareRoot() + zPower
            * max(0, discordant - delta * delta).squareRoot()
        return roundedUpSize(root * root / (delta * delta))
    }
}
