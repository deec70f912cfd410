import Foundation
import Stats
import Testing

@Suite struct StatisticsUnpairedTests {
    @Test func twoProportionZTestByHand() {
        // 83/86 vs 90/93 (the first two groups of R's `smokers` example):
        // p̂₁ = 0.965116, p̂₂ = 0.967742, pooled 173/179 = 0.966480,
        // se = √(0.966480 × 0.033520 × (1/86 + 1/93)) = √(0.0323960 × 0.0223806) = 0.0269266,
        // z = 0.0026257 / 0.0269266 = 0.09751, p = 2(1 − Φ(0.09751)) = 0.92232.
        let close = Statistics.twoProportionZTest(
            successes1: 83, trials1: 86, successes2: 90, trials2: 93)
        #expect(statsClose(close.z, 0.09751163391198005, within: 1e-12))
        #expect(statsClose(close.p, 0.9223200957342691, within: 1e-12))
        // 129/136 vs 70/82: pooled 199/218, se = 0.0394365, z = −0.0948709 / 0.0394365 = −2.40566
        // (z² = 5.7872 = prop.test(correct = FALSE)'s X-squared), p = 0.016143.
        let apart = Statistics.twoProportionZTest(
            successes1: 129, trials1: 136, successes2: 70, trials2: 82)
        #expect(statsClose(apart.z, -2.4056597141680798, within: 1e-12))
        #expect(statsClose(apart.p, 0.016143293778635683, within: 1e-12))
        // No variance or no data: no evidence.
        let same = Statistics.twoProportionZTest(
            successes1: 10, trials1: 10, successes2: 5, trials2: 5)
        #expect(same.z == 0 && same.p == 1)
        let empty = Statistics.twoProportionZTest(
            successes1: 0, trials1: 0, successes2: 5, trials2: 5)
        #expect(empty.p == 1)
        #expect(
            Statistics.twoProportionZTest(successes1: 6, trials1: 5, successes2: 5, trials2: 5).p
                .isNaN)
    }

    @Test func fisherExactMatchesR() {
        // Lady tasting tea, fisher.test(matrix(c(3, 1, 1, 3), 2)): p = 0.4857 (= 34/70).
        #expect(
            statsClose(Statistics.fisherExact(a: 3, b: 1, c: 1, d: 3), 34.0 / 70, within: 1e-14))
        // (1, 9, 11, 3): p = 0.002759 (SciPy 0.0027594561852200836).
        let skewed = Statistics.fisherExact(a: 1, b: 9, c: 11, d: 3)
        #expect(statsClose(skewed, 0.002759, within: 5e-7))
        #expect(statsClose(skewed, 0.0027594561852200836, within: 1e-14))
        // Asymmetric margins (SciPy): the rule is "as unlikely", not "twice one tail".
        #expect(
            statsClose(
                Statistics.fisherExact(a: 10, b: 2, c: 3, d: 15), 0.0005367241191434357,
                within: 1e-15))
        // (0, 5, 7, 0): no other table is as unlikely, so p = C(7, 0) C(5, 5) / C(12, 5) = 1/792.
        #expect(
            statsClose(Statistics.fisherExact(a: 0, b: 5, c: 7, d: 0), 1.0 / 792, within: 1e-15))
        // Transposing or swapping rows does not change the two-sided p.
        #expect(
            statsClose(
                Statistics.fisherExact(a: 1, b: 11, c: 9, d: 3), skewed, within: 1e-15))
        #expect(
            statsClose(
                Statistics.fisherExact(a: 11, b: 3, c: 1, d: 9), skewed, within: 1e-15))
        #expect(Statistics.fisherExact(a: 0, b: 0, c: 4, d: 5) == 1)
        #expect(Statistics.fisherExact(a: 0, b: -1, c: 4, d: 5).isNaN)
    }

    @Test(arguments: [
        (s1: 48, n1: 80, s2: 56, n2: 70, low: 0.0524, high: 0.3339),
        (s1: 3, n1: 10, s2: 9, n2: 10, low: 0.1705, high: 0.8090),
    ])
    func newcombeUnpairedExamples(
        example: (s1: Int, n1: Int, s2: Int, n2: Int, low: Double, high: Double)
    ) {
        // Newcombe (1998, independent proportions), method 10: 56/70 − 48/80 → (0.0524, 0.3339)
        // and 9/10 − 3/10 → (0.1705, 0.8090); published to 4 decimals.
        let interval = Statistics.differenceInterval(
            successes1: example.s1, trials1: example.n1, successes2: example.s2,
            trials2: example.n2)
        #expect(statsClose(interval.low, example.low, within: 6e-5), "\(interval)")
        #expect(statsClose(interval.high, example.high, within: 6e-5), "\(interval)")
    }

    @Test func unpairedIntervalEdges() {
        let mirrored = Statistics.differenceInterval(
            successes1: 56, trials1: 70, successes2: 48, trials2: 80)
        #expect(statsClose(mirrored.low, -0.3339, within: 6e-5))
        #expect(statsClose(mirrored.high, -0.0524, within: 6e-5))
        #expect(
            Statistics.differenceInterval(successes1: 0, trials1: 0, successes2: 1, trials2: 2)
                == Interval(low: -1, high: 1))
        let extreme = Statistics.differenceInterval(
            successes1: 0, trials1: 20, successes2: 20, trials2: 20)
        #expect(extreme.high == 1 && extreme.low > 0.7)
        #expect(
            Statistics.differenceInterval(successes1: 3, trials1: 2, successes2: 1, trials2: 2)
                .low.isNaN)
    }

    @Test func twoProportionSampleSizeByHand() {
        // R's power.prop.test(p1 = .50, p2 = .75, power = .90) documents n = 76.7 per group:
        // (1.959964 √(2 × 0.625 × 0.375) + 1.281552 √(0.25 + 0.1875))² / 0.0625 = 76.71 → 77.
        #expect(Statistics.twoProportionSampleSize(p1: 0.5, p2: 0.75, power: 0.9) == 77)
        // 0.5 vs 0.6 at 80%: (1.959964 × 0.703562 + 0.841621 × 0.7)² / 0.01 = 387.34 → 388.
        #expect(Statistics.twoProportionSampleSize(p1: 0.5, p2: 0.6) == 388)
        #expect(Statistics.twoProportionSampleSize(p1: 0.6, p2: 0.5) == 388)
        #expect(Statistics.twoProportionSampleSize(p1: 0.5, p2: 0.5) == nil)
        #expect(Statistics.twoProportionSampleSize(p1: -0.1, p2: 0.5) == nil)
    }

    @Test func chiSquareGoodnessOfFit() {
        let balanced = Statistics.chiSquareGoodnessOfFit(
            observed: [50, 50], expectedProportions: [0.5, 0.5])
        #expect(balanced.statistic == 0 && balanced.df == 1 && balanced.p == 1)
        // (60 − 50)²/50 + (40 − 50)²/50 = 4; P(χ²₁ > 4) = erfc(√2) = 0.0455003.
        let skewed = Statistics.chiSquareGoodnessOfFit(
            observed: [60, 40], expectedProportions: [0.5, 0.5])
        #expect(statsClose(skewed.statistic, 4, within: 1e-12))
        #expect(statsClose(skewed.p, 0.04550026389635857, within: 1e-13))
        // Three arms, proportions given as weights: (30, 50, 20) vs 100/3 each gives
        // X² = (11.11 + 277.78 + 177.78)/33.33 = 14; P(χ²₂ > 14) = e⁻⁷.
        let arms = Statistics.chiSquareGoodnessOfFit(
            observed: [30, 50, 20], expectedProportions: [1, 1, 1])
        #expect(statsClose(arms.statistic, 14, within: 1e-12))
        #expect(arms.df == 2)
        #expect(statsClose(arms.p, exp(-7), within: 1e-15))
        // A 90/10 split checked against its own ratio fits.
        let planned = Statistics.chiSquareGoodnessOfFit(
            observed: [900, 100], expectedProportions: [0.9, 0.1])
        #expect(planned.statistic == 0 && planned.p == 1)
        #expect(
            Statistics.chiSquareGoodnessOfFit(observed: [1, 2], expectedProportions: [1]).p.isNaN)
        #expect(
            Statistics.chiSquareGoodnessOfFit(observed: [1, 2], expectedProportions: [0, 1]).p
                .isNaN)
        #expect(
            Statistics.chiSquareGoodnessOfFit(observed: [0, 0], expectedProportions: [1, 1]).p
                == 1)
    }
}
