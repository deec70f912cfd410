import Foundation
import Stats
import Testing

/// Group-sequential boundaries (Lan–DeMets O'Brien–Fleming spending) against published
/// tables and an independent computation, and the sequential rule's error rates by
/// simulation.
@Suite struct StatisticsSequentialTests {
    /// Published two-sided α = 0.05 Lan–DeMets O'Brien–Fleming-type boundaries for equally
    /// spaced looks (DeMets and Lan, Stat Med 13 (1994) 1341–1352, Table I; the same as R
    /// `ldbounds::ldBounds(t = (1:K)/K, iuse = 1, alpha = 0.05)` and `gsDesign(k = K,
    /// test.type = 2, alpha = 0.025, sfu = sfLDOF)$upper$bound`), to 4 decimals.
    @Test(arguments: [
        (looks: 3, bounds: [3.7103, 2.5114, 1.9930]),
        (looks: 4, bounds: [4.3326, 2.9631, 2.3590, 2.0141]),
        (looks: 5, bounds: [4.8769, 3.3569, 2.6803, 2.2898, 2.0310]),
    ])
    func publishedBoundaries(looks: Int, bounds: [Double]) {
        let design = GroupSequentialDesign(looks: looks, alpha: 0.05)
        #expect(design.boundaries.count == looks)
        for (got, want) in zip(design.boundaries, bounds) {
            #expect(abs(got - want) < 6e-4, "\(design.boundaries) vs \(bounds)")
        }
    }

    /// Computed independently, from the joint normal of (Z_1…Z_K) with corr √(t_i/t_j) by
    /// Genz's algorithm instead of the recursion:
    /// `scipy.stats.multivariate_normal(cov=…, maxpts=2_000_000, abseps=1e-9,
    /// releps=1e-7).cdf(upper, lower_limit=lower)`, each look's boundary solved with
    /// `scipy.optimize.brentq` so that P(first crossing at look k) is the spending
    /// increment (scipy 1.17.1; the script is in bench/sequential_reference.py).
    @Test(arguments: [
        (
            fractions: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], alpha: 0.05,
            bounds: [
                6.9913, 4.8769, 3.9293, 3.3670, 2.9893, 2.7148, 2.5041, 2.3358, 2.1975, 2.0812,
            ]
        ),
        (fractions: [0.3, 0.6, 1.0], alpha: 0.05, bounds: [3.9286, 2.6700, 1.9810]),
        (
            fractions: [0.25, 0.5, 0.75, 1.0], alpha: 0.10,
            bounds: [3.7496, 2.5399, 2.0161, 1.7202]
        ),
        (fractions: [0.5, 1.0], alpha: 0.05, bounds: [2.9626, 1.9686]),
    ])
    func boundariesMatchAnIndependentComputation(
        fractions: [Double], alpha: Double, bounds: [Double]
    ) {
        let design = GroupSequentialDesign(fractions: fractions, alpha: alpha)
        for (got, want) in zip(design.boundaries, bounds) {
            #expect(abs(got - want) < 2e-3, "\(design.boundaries) vs \(bounds)")
        }
    }

    /// α(t) at t = k/5 for α = 0.05, from the same script:
    /// `2 * (2 - 2 * norm.cdf(norm.ppf(1 - 0.05 / 4) / sqrt(t)))`.
    @Test func spendingFunction() {
        let want = [1.07774e-06, 0.000788304, 0.00761613, 0.0244236, 0.05]
        for (k, w) in want.enumerated() {
            let got = GroupSequentialDesign.obrienFlemingSpending(Double(k + 1) / 5, alpha: 0.05)
            #expect(abs(got - w) / w < 1e-4, "t = \(Double(k + 1) / 5): \(got) vs \(w)")
        }
        #expect(GroupSequentialDesign.obrienFlemingSpending(0, alpha: 0.05) == 0)
        #expect(GroupSequentialDesign.obrienFlemingSpending(1, alpha: 0.05) == 0.05)
        let design = GroupSequentialDesign(looks: 10, alpha: 0.05)
        #expect(design.cumulativeAlpha.last == 0.05)
        #expect(zip(design.cumulativeAlpha, design.cumulativeAlpha.dropFirst()).allSatisfy(<))
    }

    @Test func lookDecisions() {
        let design = GroupSequentialDesign(looks: 5, alpha: 0.05)
        // 40 regressions, 5 improvements: z = 35/√45 = 5.22 ≥ 4.88 at the first look.
        let worse = DiscordantPairs(pairs: 400, regressions: 40, improvements: 5)
        #expect(design.decide(look: 0, pairs: worse, margin: nil) == .harm)
        let better = DiscordantPairs(pairs: 400, regressions: 5, improvements: 40)
        #expect(design.decide(look: 0, pairs: better, margin: nil) == .benefit)
        // z = 10/√30 = 1.83: below every boundary.
        let unclear = DiscordantPairs(pairs: 400, regressions: 20, improvements: 10)
        #expect(design.decide(look: 4, pairs: unclear, margin: nil) == nil)
        // No difference on 2,000 pairs, 100 discordant: the upper bound at the last look is
        // 2.031 · √100 / 2000 = 0.0102, under a 0.02 margin and over a 0.01 one.
        let equal = DiscordantPairs(pairs: 2000, regressions: 50, improvements: 50)
        #expect(abs(equal.upperBound(z: 2.031) - 0.010155) < 1e-5)
        #expect(design.decide(look: 4, pairs: equal, margin: 0.02) == .nonInferior)
        #expect(design.decide(look: 4, pairs: equal, margin: 0.01) == nil)
        #expect(design.decide(look: 0, pairs: equal, margin: 0.02) == nil)
        let none = DiscordantPairs(pairs: 0, regressions: 0, improvements: 0)
        #expect(design.decide(look: 0, pairs: none, margin: 0.5) == nil)
        #expect(none.z == 0 && none.upperBound(z: 2) == .infinity)
    }

    /// The small version of bench/sequential.sh (which runs 10,000 data sets): under the
    /// null the chance of a verdict stays at α, and under a 5-point drop the design stops
    /// well before the fixed design's size. `PROMPTGATE_SEQUENTIAL_DATA_SETS` raises the count.
    @Test func simulationKeepsAlphaAndSavesCases() throws {
        let sets =
            Int(ProcessInfo.processInfo.environment["PROMPTGATE_SEQUENTIAL_DATA_SETS"] ?? "")
            ?? 3000
        let design = GroupSequentialDesign(looks: 10, alpha: 0.05)
        // Fixed design with 90% power for base 0.85 → candidate 0.80 with 10% discordant.
        let fixed = try #require(
            Statistics.mcnemarSampleSize(p10: 0.075, p01: 0.025, alpha: 0.05, power: 0.9))
        let null = SequentialSimulation(
            cases: fixed, onlyBase: 0.05, onlyCandidate: 0.05, design: design
        ).run(dataSets: sets, seed: 17)
        let drop = SequentialSimulation(
            cases: fixed, onlyBase: 0.075, onlyCandidate: 0.025, design: design
        ).run(dataSets: sets, seed: 18)
        print(
            "sequential simulation: \(sets) data sets of \(fixed) cases, 10 looks, α = 0.05: type-I error \(null.rejected) (harm \(null.harm)); 5-point drop: power \(drop.harm), expected cases \(drop.expectedCases) of \(fixed) (\(Int((100 * drop.expectedCases / Double(fixed)).rounded()))%)"
        )
        let tolerance = sets >= 10_000 ? 0.01 : 0.015
        #expect(abs(null.rejected - 0.05) <= tolerance, "type-I error \(null.rejected)")
        #expect(drop.harm > 0.85, "power \(drop.harm)")
        #expect(drop.expectedCases < 0.8 * Double(fixed), "\(drop.expectedCases) of \(fixed)")
        #expect(null.expectedCases > 0.95 * Double(fixed), "under the null it rarely stops")
    }
}
