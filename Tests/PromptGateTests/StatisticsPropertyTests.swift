import Foundation
import Stats
import Testing

/// A seeded generator so that the random inputs, and any failure, are reproducible.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func isProbability(_ p: Double) -> Bool { p >= 0 && p <= 1 }

@Suite struct StatisticsPropertyTests {
    @Test func pValuesAreProbabilities() {
        var random = SeededGenerator(state: 42)
        for _ in 0..<3000 {
            let n = Int.random(in: 0...3000, using: &random)
            let x = Int.random(in: 0...n, using: &random)
            let p = Double.random(in: 0...1, using: &random)
            let binomial = Statistics.binomialTwoSided(successes: x, trials: n, p: p)
            #expect(isProbability(binomial), "binomial \(x)/\(n) at \(p): \(binomial)")

            let cells = (0..<4).map { _ in Int.random(in: 0...150, using: &random) }
            let fisher = Statistics.fisherExact(a: cells[0], b: cells[1], c: cells[2], d: cells[3])
            #expect(isProbability(fisher), "fisher \(cells): \(fisher)")

            let b = cells[1]
            let c = cells[2]
            #expect(Statistics.mcnemarExact(b: b, c: c) == Statistics.mcnemarExact(b: c, c: b))
            #expect(isProbability(Statistics.mcnemarExact(b: b, c: c)))

            let test = Statistics.twoProportionZTest(
                successes1: min(cells[0], cells[1]), trials1: cells[1],
                successes2: min(cells[2], cells[3]), trials2: cells[3])
            #expect(isProbability(test.p))

            let fit = Statistics.chiSquareGoodnessOfFit(
                observed: cells, expectedProportions: [0.1, 0.2, 0.3, 0.4])
            #expect(isProbability(fit.p) && fit.statistic >= 0)
        }
    }

    @Test func intervalsContainTheEstimateAndStayInRange() {
        var random = SeededGenerator(state: 7)
        for _ in 0..<3000 {
            let confidence = [0.8, 0.9, 0.95, 0.99].randomElement(using: &random) ?? 0.95
            let n = Int.random(in: 1...500, using: &random)
            let x = Int.random(in: 0...n, using: &random)
            let single = Statistics.wilson(successes: x, trials: n, confidence: confidence)
            let rate = Double(x) / Double(n)
            #expect(single.low >= 0 && single.high <= 1 && single.contains(rate), "\(x)/\(n)")

            let cells = (0..<4).map { _ in Int.random(in: 0...60, using: &random) }
            let pairs = cells.reduce(0, +)
            let paired = Statistics.pairedDifferenceInterval(
                a: cells[0], b: cells[1], c: cells[2], d: cells[3], confidence: confidence)
            let pairedEstimate = pairs == 0 ? 0 : Double(cells[2] - cells[1]) / Double(pairs)
            #expect(
                paired.low >= -1 && paired.high <= 1 && paired.contains(pairedEstimate),
                "\(cells) → \(paired)")

            let n2 = Int.random(in: 1...500, using: &random)
            let x2 = Int.random(in: 0...n2, using: &random)
            let unpaired = Statistics.differenceInterval(
                successes1: x, trials1: n, successes2: x2, trials2: n2, confidence: confidence)
            let difference = Double(x2) / Double(n2) - rate
            #expect(
                unpaired.low >= -1 && unpaired.high <= 1 && unpaired.contains(difference),
                "\(x)/\(n) vs \(x2)/\(n2) → \(unpaired)")
        }
    }

    @Test func permutationAndSignTestsAgree() {
        var random = SeededGenerator(state: 2024)
        for _ in 0..<300 {
            let count = Int.random(in: 1...16, using: &random)
            // Unit differences: the two tests are the same test.
            let units = (0..<count).map { _ in Double(Int.random(in: -1...1, using: &random)) }
            #expect(
                statsClose(
                    Statistics.pairedPermutationTest(differences: units),
                    Statistics.signTest(differences: units), within: 1e-12), "\(units)")

            // Fractional differences: when both tests see the same direction (more positive
            // cases and a positive sum), moving a case further that way raises neither p-value.
            var differences = (0..<count).map { _ in
                Double(Int.random(in: -4...4, using: &random)) / 4
            }
            if differences.reduce(0, +) < 0 { differences = differences.map { -$0 } }
            let permutation = Statistics.pairedPermutationTest(differences: differences)
            let sign = Statistics.signTest(differences: differences)
            #expect(isProbability(permutation) && isProbability(sign))
            let positives = differences.filter { $0 > 0 }.count
            let negatives = differences.filter { $0 < 0 }.count
            if positives >= negatives, let index = differences.firstIndex(where: { $0 < 0 }) {
                var stronger = differences
                stronger[index] = -stronger[index]
                #expect(Statistics.pairedPermutationTest(differences: stronger) <= permutation)
                #expect(Statistics.signTest(differences: stronger) <= sign)
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func aMillionTrialsNeitherOverflowsNorStalls() {
        let started = ContinuousClock.now
        // SciPy binomtest(500800, 1000000) = 0.1098205565061435.
        #expect(
            statsRelativelyClose(
                Statistics.binomialTwoSided(successes: 500_800, trials: 1_000_000),
                0.1098205565061435, within: 1e-9))
        // SciPy binomtest(499000, 999000) = 0.317552599673747.
        #expect(
            statsRelativelyClose(
                Statistics.mcnemarExact(b: 500_000, c: 499_000), 0.317552599673747, within: 1e-9))
        #expect(Statistics.binomialTwoSided(successes: 0, trials: 1_000_000) == 0)
        // SciPy fisher_exact([[500000, 499000], [499000, 500000]]) = 0.15750689932764378.
        #expect(
            statsRelativelyClose(
                Statistics.fisherExact(a: 500_000, b: 499_000, c: 499_000, d: 500_000),
                0.15750689932764378, within: 1e-8))
        let wilson = Statistics.wilson(successes: 999_999, trials: 1_000_000)
        #expect(wilson.contains(0.999999) && wilson.high < 1 && wilson.low > 0.99999)
        // The product of the margins (~6e22) overflows Int; the interval must not.
        let paired = Statistics.pairedDifferenceInterval(
            a: 400_000, b: 100_000, c: 120_000, d: 380_000)
        #expect(paired.contains(0.02) && paired.excludesZero)
        let fit = Statistics.chiSquareGoodnessOfFit(
            observed: [501_000, 499_000], expectedProportions: [0.5, 0.5])
        // (1000² + 1000²) / 500000 = 4.
        #expect(statsClose(fit.statistic, 4, within: 1e-9))
        // A million per-case differences with few distinct values, on the Monte Carlo path.
        let differences = (0..<1_000_000).map { [-1, 0, 0.5, 1, 0][$0 % 5] }
        let permutation = Statistics.pairedPermutationTest(differences: differences, iterations: 50)
        #expect(permutation == 1.0 / 51)
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}
