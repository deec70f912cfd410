import Foundation

extension Statistics {
    /// Wilson score interval for a binomial proportion `successes / trials`.
    ///
    /// Method: the set of `p` not rejected by the score test,
    /// `(p̂ + z²/2n ± z √(p̂(1-p̂)/n + z²/4n²)) / (1 + z²/n)`; unlike the Wald interval it stays
    /// inside [0, 1] and does not collapse at 0 or n successes. Reference: E. B. Wilson,
    /// "Probable inference, the law of succession, and statistical inference", JASA 22 (1927).
    /// `[0, 1]` when `trials == 0`.
    public static func wilson(successes: Int, trials: Int, confidence: Double = 0.95) -> Interval {
        guard isValidCount(trials), successes >= 0, successes <= trials,
            isValidLevel(confidence)
        else { return .invalid }
        if trials == 0 { return Interval(low: 0, high: 1) }
        let z = criticalValue(confidence: confidence)
        let n = Double(trials)
        let estimate = Double(successes) / n
        let zSquared = z * z
        let denominator = 1 + zSquared / n
        let center = (estimate + zSquared / (2 * n)) / denominator
        let halfWidth =
            z * (estimate * (1 - estimate) / n + zSquared / (4 * n * n)).squareRoot()
            / denominator
        return Interval(
            low: successes == 0 ? 0 : max(0, center - halfWidth),
            high: successes == trials ? 1 : min(1, center + halfWidth))
    }

    /// Exact two-sided binomial test p-value for `successes` out of `trials` under `p`.
    ///
    /// Method (as R's `binom.test`): the sum of the probabilities of all outcomes no more
    /// likely than the observed one, where "no more likely" allows a relative tolerance of
    /// 1e-7 so that ties are not lost to rounding. The density is unimodal, so the outcomes on
    /// the far side are found by binary search and each tail is summed outward until its
    /// terms no longer change the sum: O(√n) work even for n = 10⁶. Reference: R Core,
    /// `binom.test`; W. J. Conover, *Practical Nonparametric Statistics*, 3rd ed. (1999).
    /// NaN for invalid input.
    public static func binomialTwoSided(successes: Int, trials: Int, p: Double = 0.5) -> Double {
        guard isValidCount(trials), successes >= 0, successes <= trials, isValidProportion(p)
        else { return .nan }
        let n = trials
        let mean = Double(n) * p
        let observed = Double(successes)
        if observed == mean { return 1 }
        let logPMF = { (k: Int) in binomialLogPMF(k, trials: n, p: p) }
        let threshold = logPMF(successes) + log1p(relativeTolerance)
        let total: Double
        if observed < mean {
            // The density does not increase on ceil(mean)...n: the extreme outcomes there
            // form a suffix.
            let start = partitionPoint(in: Int(mean.rounded(.up))...n) {
                logPMF($0) <= threshold
            }
            total =
                binomialTail(trials: n, p: p, from: successes, step: -1)
                + binomialTail(trials: n, p: p, from: start, step: 1)
        } else {
            // The density does not decrease on 0...floor(mean): the extreme outcomes form a
            // prefix ending just before the first non-extreme one.
            let end =
                partitionPoint(in: 0...Int(mean.rounded(.down))) { logPMF($0) > threshold } - 1
            total =
                binomialTail(trials: n, p: p, from: end, step: -1)
                + binomialTail(trials: n, p: p, from: successes, step: 1)
        }
        return min(1, total)
    }

    /// `P(X ≤ start)` for `step == -1` or `P(X ≥ start)` for `step == 1`, summed outward from
    /// `start`, whose terms must not increase in that direction.
    static func binomialTail(trials n: Int, p: Double, from start: Int, step: Int) -> Double {
        var sum = 0.0
        var k = start
        while k >= 0, k <= n {
            let term = binomialPMF(k, trials: n, p: p)
            if term == 0 || term < sum * 1e-17 { break }
            sum += term
            k += step
        }
        return sum
    }

    /// Exact McNemar test on the discordant pairs: `b` cases passed on the base and failed on
    /// the candidate, `c` failed on the base and passed on the candidate.
    ///
    /// Method: under no difference each discordant pair is equally likely to go either way,
    /// so `b ~ Binomial(b + c, ½)`; the p-value is ``binomialTwoSided(successes:trials:p:)``
    /// of `b` in `b + c` at ½, and 1 when there are no discordant pairs. Computed from
    /// `min(b, c)` so that it is exactly symmetric. Reference: Q. McNemar, Psychometrika 12
    /// (1947); A. Agresti, *Categorical Data Analysis*, 3rd ed. (2013).
    public static func mcnemarExact(b: Int, c: Int) -> Double {
        guard isValidCount(b), isValidCount(c) else { return .nan }
        if b + c == 0 { return 1 }
        return binomialTwoSided(successes: min(b, c), trials: b + c, p: 0.5)
    }

    /// Paired sign test: the exact two-sided binomial test at ½ on the number of positive
    /// differences among the non-zero ones. Zeros and NaNs are dropped; 1 when nothing is left.
    /// Reference: Conover (1999).
    public static func signTest(differences: [Double]) -> Double {
        var positive = 0
        var negative = 0
        for difference in differences {
            if difference > 0 {
                positive += 1
            } else if difference < 0 {
                negative += 1
            }
        }
        if positive + negative == 0 { return 1 }
        return binomialTwoSided(
            successes: min(positive, negative), trials: positive + negative, p: 0.5)
    }
}
