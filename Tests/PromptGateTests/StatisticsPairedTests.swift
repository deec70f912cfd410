import Foundation
import Stats
import Testing

@Suite struct StatisticsPairedTests {
    /// Newcombe (1998, paired data), the worked examples for method 10 as published (4
    /// decimals, so the tolerance is half a unit in the last place plus rounding). His cells
    /// e, f, g, h are (both +, first + only, second + only, both −) and the difference is
    /// (f − g)/n; with the candidate as his first variable that is a = e, c = f, b = g, d = h.
    @Test(arguments: [
        (a: 36, b: 2, c: 12, d: 0, low: 0.0569, high: 0.3404),
        (a: 18, b: 2, c: 12, d: 18, low: 0.0562, high: 0.3290),
        (a: 53, b: 0, c: 0, d: 1, low: -0.0729, high: 0.0729),
        (a: 0, b: 0, c: 30, d: 0, low: 0.8395, high: 1.0),
    ])
    func newcombePairedExamples(
        example: (a: Int, b: Int, c: Int, d: Int, low: Double, high: Double)
    ) {
        let interval = Statistics.pairedDifferenceInterval(
            a: example.a, b: example.b, c: example.c, d: example.d)
        #expect(statsClose(interval.low, example.low, within: 6e-5), "\(example) → \(interval)")
        #expect(statsClose(interval.high, example.high, within: 6e-5), "\(example) → \(interval)")
    }

    @Test func pairedIntervalDirectionAndEdges() {
        // Swapping b and c mirrors the interval: the difference is candidate − base.
        let forward = Statistics.pairedDifferenceInterval(a: 36, b: 2, c: 12, d: 0)
        let backward = Statistics.pairedDifferenceInterval(a: 36, b: 12, c: 2, d: 0)
        #expect(statsClose(forward.low, -backward.high, within: 1e-15))
        #expect(statsClose(forward.high, -backward.low, within: 1e-15))
        #expect(forward.excludesZero)
        #expect(
            Statistics.pairedDifferenceInterval(a: 0, b: 0, c: 0, d: 0)
                == Interval(low: -1, high: 1))
        #expect(Statistics.pairedDifferenceInterval(a: -1, b: 0, c: 0, d: 0).low.isNaN)
        #expect(
            Statistics.pairedDifferenceInterval(a: 1, b: 0, c: 0, d: 0, confidence: 0).low.isNaN)
    }

    @Test func mcnemarSampleSizeMatchesConnorByHand() {
        // Connor (1987): n = (z_{.975} √ψ + z_{.8} √(ψ − δ²))² / δ².
        // p10 = 0.2, p01 = 0.1: ψ = 0.3, δ = 0.1;
        // (1.959964 × 0.547723 + 0.841621 × 0.538516)² / 0.01 = 1.526742² / 0.01 = 233.09 → 234.
        #expect(Statistics.mcnemarSampleSize(p10: 0.2, p01: 0.1) == 234)
        #expect(Statistics.mcnemarSampleSize(p10: 0.1, p01: 0.2) == 234)
        // p10 = 0.05, p01 = 0.2: ψ = 0.25, δ = −0.15;
        // (1.959964 × 0.5 + 0.841621 × 0.476970)² / 0.0225 = 1.381410² / 0.0225 = 84.81 → 85.
        #expect(Statistics.mcnemarSampleSize(p10: 0.05, p01: 0.2) == 85)
        // More power or a smaller alpha needs more pairs.
        let base = Statistics.mcnemarSampleSize(p10: 0.2, p01: 0.1) ?? 0
        #expect((Statistics.mcnemarSampleSize(p10: 0.2, p01: 0.1, power: 0.9) ?? 0) > base)
        #expect((Statistics.mcnemarSampleSize(p10: 0.2, p01: 0.1, alpha: 0.01) ?? 0) > base)
        #expect(Statistics.mcnemarSampleSize(p10: 0.1, p01: 0.1) == nil)
        #expect(Statistics.mcnemarSampleSize(p10: 0.7, p01: 0.6) == nil)
        #expect(Statistics.mcnemarSampleSize(p10: 0.2, p01: 0.1, power: 1) == nil)
        #expect(Statistics.mcnemarSampleSize(p10: 1e-300, p01: 0) == nil)
    }

    @Test func exactPermutationTestEnumeratesAllSignPatterns() {
        // Brute force over the 2⁸ sign patterns (Python): 28 have |sum| ≥ |2.25|.
        let differences = [0.5, -0.25, 1, 0.75, 0.5, -0.5, 1, 0.25, 0, 0]
        #expect(
            Statistics.pairedPermutationTest(differences: differences) == 28.0 / 256)
        // All of one sign: only the observed pattern and its mirror are as extreme.
        #expect(
            Statistics.pairedPermutationTest(differences: [0.2, 0.4, 0.6, 0.8, 1]) == 2.0 / 32)
        #expect(Statistics.pairedPermutationTest(differences: [0, 0]) == 1)
        #expect(Statistics.pairedPermutationTest(differences: [0.5, -0.5]) == 1)
        #expect(Statistics.pairedPermutationTest(differences: [.infinity, 1]).isNaN)
        #expect(Statistics.pairedPermutationTest(differences: [1e308, 1e308]).isNaN)
        // Decimal fractions that do not sum exactly still tie with their own sign patterns:
        // 0.1 + 0.2 − 0.3 is 5.6e-17, yet every pattern is as extreme as "zero".
        #expect(Statistics.pairedPermutationTest(differences: [0.1, 0.2, -0.3]) == 1)
    }

    @Test func permutationTestEqualsSignTestForUnitDifferences() {
        // With ±1 differences the permutation statistic is 2·(positives) − m, so the two
        // tests coincide exactly (m = 20 is still enumerated).
        let differences = Array(repeating: 1.0, count: 15) + Array(repeating: -1.0, count: 5)
        let permutation = Statistics.pairedPermutationTest(differences: differences)
        #expect(
            statsClose(permutation, Statistics.signTest(differences: differences), within: 1e-15))
        #expect(statsClose(permutation, 0.04138946533203125, within: 1e-15))
    }

    @Test func monteCarloPermutationIsSeededAndClose() {
        // 30 cases: Monte Carlo path. 22 up, 8 down: the sign test gives the exact answer.
        let differences = Array(repeating: 1.0, count: 22) + Array(repeating: -1.0, count: 8)
        let first = Statistics.pairedPermutationTest(differences: differences, seed: 7)
        let again = Statistics.pairedPermutationTest(differences: differences, seed: 7)
        let other = Statistics.pairedPermutationTest(differences: differences, seed: 8)
        #expect(first == again)
        #expect(first != other)
        let exact = Statistics.signTest(differences: differences)
        // Standard error √(p(1−p)/20000) ≈ 0.0011 at p ≈ 0.016: 0.006 is over five of them.
        #expect(statsClose(first, exact, within: 0.006), "\(first) vs \(exact)")
        #expect(Statistics.pairedPermutationTest(differences: differences, iterations: 0).isNaN)
        // Never zero: (1 + extreme) / (1 + iterations).
        let extreme = Array(repeating: 1.0, count: 40)
        #expect(Statistics.pairedPermutationTest(differences: extreme, iterations: 999) == 0.001)
    }
}
