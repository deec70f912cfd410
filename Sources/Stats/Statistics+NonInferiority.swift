extension Statistics {
    /// The non-inferiority test of a candidate against a base on paired cases.
    public struct NonInferiority: Sendable, Hashable {
        /// How much worse (base − candidate pass rate) the candidate may be.
        public var margin: Double
        /// The upper end of the interval for base − candidate.
        public var upperBound: Double
        /// `upperBound < margin`: the candidate is shown to be at most `margin` worse.
        public var holds: Bool
        /// Pairs needed to show non-inferiority with 80% power at the observed rates; nil
        /// when it holds already, or when the observed difference is at or above the margin
        /// (then no number of cases would show it).
        public var neededCases: Int?
    }

    /// Tests whether the candidate is at most `margin` worse than the base, from the 2×2
    /// counts of paired cases (`a` both pass, `b` base only, `c` candidate only, `d` neither).
    ///
    /// Method: the upper end of Newcombe's paired interval (method 10, the one
    /// ``pairedDifferenceInterval(a:b:c:d:confidence:)`` computes) for base − candidate at
    /// confidence `1 − alpha` must lie below `margin`, which is a one-sided test at `alpha/2`
    /// (the convention of regulatory non-inferiority trials: a two-sided 95% interval). The
    /// needed size is the Wald approximation for paired proportions with `δ = (b − c)/n`,
    /// `ψ = (b + c)/n`: `n = (z_{1−α/2} + z_{power})² (ψ − δ²) / (margin − δ)²`, rounded up
    /// (Nam, "Establishing equivalence of two treatments and sample size requirements in
    /// matched-pairs design", Biometrics 53 (1997) 1422–1430, its Wald form). With no
    /// discordant pairs observed, ψ is taken as one discordant pair in `n` so the size stays
    /// finite and honest about the uncertainty. nil for invalid input.
    public static func nonInferiority(
        a: Int, b: Int, c: Int, d: Int, margin: Double, alpha: Double = 0.05,
        power: Double = 0.8
    ) -> NonInferiority? {
        guard [a, b, c, d].allSatisfy(isValidCount), margin > 0, margin < 1,
            isValidLevel(alpha), isValidLevel(power)
        else { return nil }
        let interval = pairedDifferenceInterval(a: a, b: b, c: c, d: d, confidence: 1 - alpha)
        // base − candidate is the mirror of candidate − base.
        let upper = -interval.low
        let holds = upper < margin
        var needed: Int?
        let total = a + b + c + d
        if !holds {
            let n = Double(max(total, 1))
            let delta = Double(b - c) / n
            let psi = max(Double(b + c), 1) / n
            if delta < margin {
                let z = -normalQuantile(alpha / 2) + normalQuantile(power)
                needed = roundedUpSize(
                    z * z * max(psi - delta * delta, 1e-12) / ((margin - delta) * (margin - delta)))
                if let size = needed { needed = max(size, total + 1) }
            }
        }
        return NonInferiority(margin: margin, upperBound: upper, holds: holds, neededCases: needed)
    }
}
