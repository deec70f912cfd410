import Foundation
import Stats
import Testing

@Suite struct StatisticsBinomialTests {
    @Test func binomialTestMatchesR() {
        // R: binom.test(7, 20, 0.5)$p.value = 0.2632 (exactly 2 P(X ≤ 7) = 0.26317596435546875).
        #expect(
            statsClose(
                Statistics.binomialTwoSided(successes: 7, trials: 20), 0.26317596435546875,
                within: 1e-14))
        // R documentation example (Mendel's peas): binom.test(682, 925, p = 3/4) → p = 0.3825;
        // SciPy binomtest, which uses the same rule, gives 0.3824915595748517.
        let peas = Statistics.binomialTwoSided(successes: 682, trials: 925, p: 0.75)
        #expect(statsClose(peas, 0.3825, within: 5e-5))
        #expect(statsClose(peas, 0.3824915595748517, within: 1e-12))
        // Asymmetric p, both directions (SciPy): P(X = 0) = 0.7¹⁰ = 0.0282… plus the upper
        // outcomes no more likely.
        #expect(
            statsClose(
                Statistics.binomialTwoSided(successes: 0, trials: 10, p: 0.3), 0.0388396033,
                within: 1e-10))
        #expect(
            statsClose(
                Statistics.binomialTwoSided(successes: 9, trials: 10, p: 0.3),
                0.00014368589999999996, within: 1e-15))
        #expect(Statistics.binomialTwoSided(successes: 10, trials: 20) == 1)
        #expect(Statistics.binomialTwoSided(successes: 0, trials: 0) == 1)
        #expect(Statistics.binomialTwoSided(successes: 0, trials: 5, p: 0) == 1)
        #expect(Statistics.binomialTwoSided(successes: 1, trials: 5, p: 0) == 0)
    }

    @Test func mcnemarExact() {
        // b = 10, c = 2: 2 P(X ≤ 2 | 12, ½) = 2 × (1 + 12 + 66) / 4096 = 0.03857421875.
        #expect(statsClose(Statistics.mcnemarExact(b: 10, c: 2), 0.03857421875, within: 1e-15))
        #expect(statsClose(Statistics.mcnemarExact(b: 10, c: 2), 0.0386, within: 5e-5))
        #expect(Statistics.mcnemarExact(b: 2, c: 10) == Statistics.mcnemarExact(b: 10, c: 2))
        #expect(Statistics.mcnemarExact(b: 0, c: 0) == 1)
        #expect(Statistics.mcnemarExact(b: 5, c: 5) == 1)
        // A single discordant pair proves nothing: p = 1.
        #expect(Statistics.mcnemarExact(b: 1, c: 0) == 1)
        // b = 6, c = 0: 2 / 64.
        #expect(statsClose(Statistics.mcnemarExact(b: 6, c: 0), 0.03125, within: 1e-15))
    }

    @Test func signTestDropsZerosAndCountsSigns() {
        // 8 positive, 2 negative, zeros ignored: 2 P(X ≤ 2 | 10, ½) = 2 × 56/1024 = 0.109375.
        let differences: [Double] = [1, 1, 0.5, 0.25, 1, 1, 0.1, 1, -1, -0.5, 0, 0, .nan]
        #expect(statsClose(Statistics.signTest(differences: differences), 0.109375, within: 1e-15))
        #expect(Statistics.signTest(differences: []) == 1)
        #expect(Statistics.signTest(differences: [0, 0]) == 1)
    }

    @Test func wilsonMatchesPublishedAndEdgeValues() {
        // 71/100 → (0.615, 0.790). By hand with z² = 3.841459: centre (71 + 1.920729)/103.841459
        // = 0.702231, half-width (1.959964/103.841459) √(71·29/100 + 0.960365) = 0.087620.
        let interval = Statistics.wilson(successes: 71, trials: 100)
        #expect(statsClose(interval.low, 0.615, within: 5e-4))
        #expect(statsClose(interval.high, 0.790, within: 5e-4))
        #expect(statsClose(interval.low, 0.6146110882442888, within: 1e-12))
        #expect(statsClose(interval.high, 0.7898516425087772, within: 1e-12))

        // 0/10 → [0, 0.2775]; 10/10 → [0.7225, 1]: upper = 10/(10 + z²) = 10/13.8415.
        let none = Statistics.wilson(successes: 0, trials: 10)
        #expect(none.low == 0)
        #expect(statsClose(none.high, 0.2775327998628892, within: 1e-12))
        let all = Statistics.wilson(successes: 10, trials: 10)
        #expect(all.high == 1)
        #expect(statsClose(all.low, 0.7224672001371107, within: 1e-12))
        #expect(Statistics.wilson(successes: 0, trials: 0) == Interval(low: 0, high: 1))

        // Wider at 99% than at 90%.
        let wide = Statistics.wilson(successes: 30, trials: 50, confidence: 0.99)
        let narrow = Statistics.wilson(successes: 30, trials: 50, confidence: 0.90)
        #expect(wide.low < narrow.low && wide.high > narrow.high)
    }

    @Test func invalidInputGivesNaNNotACrash() {
        #expect(Statistics.binomialTwoSided(successes: 5, trials: 3).isNaN)
        #expect(Statistics.binomialTwoSided(successes: -1, trials: 3).isNaN)
        #expect(Statistics.binomialTwoSided(successes: 1, trials: 3, p: .nan).isNaN)
        #expect(Statistics.binomialTwoSided(successes: 1, trials: Int.max).isNaN)
        #expect(Statistics.mcnemarExact(b: -1, c: 3).isNaN)
        #expect(Statistics.mcnemarExact(b: Int.max, c: Int.max).isNaN)
        #expect(Statistics.wilson(successes: 3, trials: 2).low.isNaN)
        #expect(Statistics.wilson(successes: 1, trials: 2, confidence: 1).high.isNaN)
    }
}
