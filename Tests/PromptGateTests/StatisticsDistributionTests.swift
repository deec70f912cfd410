import Foundation
import Stats
import Testing

/// `|actual − expected| <= tolerance`.
func statsClose(_ actual: Double, _ expected: Double, within tolerance: Double) -> Bool {
    (actual - expected).magnitude <= tolerance
}

/// `|actual − expected| <= tolerance × |expected|`.
func statsRelativelyClose(_ actual: Double, _ expected: Double, within tolerance: Double) -> Bool {
    (actual - expected).magnitude <= tolerance * expected.magnitude
}

/// Reference values below were computed with mpmath at 40 digits or SciPy 1.17, as noted.
@Suite struct StatisticsDistributionTests {
    @Test func normalCDFMatchesReference() {
        // SciPy norm.cdf / norm.sf.
        #expect(statsClose(Statistics.normalCDF(0), 0.5, within: 1e-16))
        #expect(statsClose(Statistics.normalCDF(1.96), 0.9750021048517795, within: 1e-15))
        #expect(
            statsRelativelyClose(Statistics.normalCDF(-37), 5.7255712225239266e-300, within: 1e-12))
        #expect(
            statsRelativelyClose(
                Statistics.normalSurvival(37), 5.7255712225239266e-300, within: 1e-12))
    }

    @Test func normalQuantileIsFullPrecision() {
        // SciPy norm.ppf; relative 1e-13 catches a wrong Acklam coefficient even after the
        // Halley step.
        let cases: [(Double, Double)] = [
            (0.975, 1.959963984540054), (0.8, 0.8416212335729143), (0.9, 1.2815515655446004),
            (1e-10, -6.361340902404056), (0.02425, -1.972961051311885),
            (1 - 1e-12, 7.0344869100478356), (1e-300, -37.0470962993612),
        ]
        for (p, expected) in cases {
            #expect(
                statsRelativelyClose(Statistics.normalQuantile(p), expected, within: 1e-13),
                "quantile(\(p))")
        }
        #expect(Statistics.normalQuantile(0.5) == 0)
        #expect(Statistics.normalQuantile(0) == -.infinity)
        #expect(Statistics.normalQuantile(1) == .infinity)
        #expect(Statistics.normalQuantile(1.5).isNaN)
        #expect(Statistics.normalQuantile(.nan).isNaN)
        for p in stride(from: 0.001, to: 1, by: 0.0137) {
            #expect(
                statsClose(Statistics.normalCDF(Statistics.normalQuantile(p)), p, within: 1e-15))
        }
    }

    @Test func logGammaMatchesMpmath() {
        let cases: [(Double, Double)] = [
            (0.5, 0.57236494292470008707), (1e-8, 18.420680738180208884),
            (3.7, 1.4280723266653881292), (10.3, 13.482036786138358593),
            (1_000_001, 12815518.384658169624), (1e15, 33538776394910668.91),
        ]
        for (x, expected) in cases {
            #expect(
                statsRelativelyClose(Statistics.logGamma(x), expected, within: 1e-14),
                "logGamma(\(x))")
        }
        // Near its zeros log Γ can only be absolutely accurate: the shift to x ≥ 10 cancels.
        #expect(statsClose(Statistics.logGamma(1), 0, within: 1e-14))
        #expect(statsClose(Statistics.logGamma(2), 0, within: 1e-14))
        #expect(statsClose(Statistics.logGamma(7), log(720), within: 1e-14))
        #expect(Statistics.logGamma(0) == .infinity)
        #expect(Statistics.logGamma(-1).isNaN)
    }

    @Test func logChooseIsExactForSmallArguments() {
        #expect(statsClose(Statistics.logChoose(10, 3), log(120), within: 1e-13))
        #expect(statsClose(Statistics.logChoose(52, 5), log(2_598_960), within: 1e-12))
        #expect(Statistics.logChoose(5, 0) == 0)
        #expect(Statistics.logChoose(5, 6) == -.infinity)
        #expect(Statistics.logChoose(-1, 0).isNaN)
    }

    @Test func regularizedGammaMatchesMpmath() {
        #expect(
            statsRelativelyClose(
                Statistics.regularizedGammaQ(2.5, 3), 0.30621891841327840088, within: 1e-13))
        #expect(
            statsRelativelyClose(
                Statistics.regularizedGammaQ(0.5, 1e-3), 0.96432940827032011458, within: 1e-13))
        // Large shape: needs thousands of series terms, and the prefactor cancels 10⁷-sized terms.
        #expect(
            statsRelativelyClose(
                Statistics.regularizedGammaQ(500_000, 501_000), 0.078718661386129633385,
                within: 1e-8))
        // Q(1, x) = e^-x exactly; P + Q = 1.
        #expect(statsRelativelyClose(Statistics.regularizedGammaQ(1, 7), exp(-7), within: 1e-13))
        #expect(
            statsClose(
                Statistics.regularizedGammaP(3.3, 2.1) + Statistics.regularizedGammaQ(3.3, 2.1), 1,
                within: 1e-15))
        // SciPy chi2.sf(10, 5).
        #expect(
            statsRelativelyClose(
                Statistics.chiSquareSurvival(10, degreesOfFreedom: 5), 0.07523524614651217,
                within: 1e-12))
        #expect(Statistics.regularizedGammaQ(-1, 1).isNaN)
        #expect(Statistics.regularizedGammaQ(2, 0) == 1)
    }

    @Test func binomialDensityIsAccurateForAMillionTrials() {
        // mpmath: C(10⁶, 5·10⁵) / 2^10⁶ and log(C(10⁶, 3·10⁵) 0.3^300000 0.7^700000).
        #expect(
            statsRelativelyClose(
                Statistics.binomialPMF(500_000, trials: 1_000_000, p: 0.5),
                0.00079788436133175008909, within: 1e-13))
        #expect(
            statsRelativelyClose(
                Statistics.binomialLogPMF(300_000, trials: 1_000_000, p: 0.3),
                -7.0463702515465391, within: 1e-13))
        // Small cases by hand: C(10, 3) 0.2³ 0.8⁷ = 120 × 0.008 × 0.2097152.
        #expect(
            statsRelativelyClose(
                Statistics.binomialPMF(3, trials: 10, p: 0.2), 120 * 0.008 * 0.2097152,
                within: 1e-14))
        #expect(Statistics.binomialPMF(0, trials: 0, p: 0.3) == 1)
        #expect(Statistics.binomialPMF(0, trials: 5, p: 0) == 1)
        #expect(Statistics.binomialPMF(5, trials: 5, p: 1) == 1)
        #expect(Statistics.binomialLogPMF(6, trials: 5, p: 0.5) == -.infinity)
        #expect(Statistics.binomialLogPMF(1, trials: 5, p: 1.5).isNaN)
        // The density sums to 1.
        let total = (0...200).reduce(0.0) { $0 + Statistics.binomialPMF($1, trials: 200, p: 0.37) }
        #expect(statsClose(total, 1, within: 1e-13))
    }
}
