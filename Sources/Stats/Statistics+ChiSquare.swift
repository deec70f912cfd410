import Foundation

extension Statistics {
    /// Pearson's chi-square goodness-of-fit test of `observed` counts against
    /// `expectedProportions` (rescaled to sum to 1), e.g. a sample-ratio-mismatch check of an
    /// A/B split.
    ///
    /// Method: `X² = Σ (Oᵢ − Eᵢ)² / Eᵢ` with `Eᵢ = N pᵢ`, referred to the chi-square
    /// distribution with `k − 1` degrees of freedom through ``regularizedGammaQ(_:_:)``.
    /// Reference: K. Pearson (1900); Agresti (2013). Statistic 0 and p 1 when there are
    /// no observations; NaN statistic and p when the arrays differ in length, have fewer than
    /// two categories, hold negative counts, or a proportion is not positive and finite.
    public static func chiSquareGoodnessOfFit(
        observed: [Int], expectedProportions: [Double]
    ) -> (statistic: Double, df: Int, p: Double) {
        let df = observed.count - 1
        guard observed.count == expectedProportions.count, observed.count >= 2,
            observed.allSatisfy(isValidCount),
            expectedProportions.allSatisfy({ $0 > 0 && $0.isFinite })
        else { return (.nan, max(0, df), .nan) }
        let total = observed.reduce(0.0) { $0 + Double($1) }
        if total == 0 { return (0, df, 1) }
        let weight = expectedProportions.reduce(0, +)
        var statistic = 0.0
        for (count, proportion) in zip(observed, expectedProportions) {
            let expected = total * proportion / weight
            let deviation = Double(count) - expected
            statistic += deviation * deviation / expected
        }
        return (statistic, df, chiSquareSurvival(statistic, degreesOfFreedom: df))
    }
}
