import Foundation
import Stats
import Testing

/// Holm's adjustment, the non-inferiority bound, Fleiss' κ and pass@k / pass^k against
/// reference values computed independently (the call that produced each is in a comment).
@Suite struct StatisticsDecisionTests {
    @Test func holmMatchesStatsmodels() {
        // statsmodels 0.14: multipletests([0.01, 0.04, 0.03, 0.005, 0.20, 0.5],
        //     method="holm")[1] → [0.05, 0.12, 0.12, 0.03, 0.4, 0.5]
        let adjusted = Statistics.holmAdjusted([0.01, 0.04, 0.03, 0.005, 0.20, 0.5])
        let expected = [0.05, 0.12, 0.12, 0.03, 0.4, 0.5]
        for (value, reference) in zip(adjusted, expected) {
            #expect(statsClose(value, reference, within: 1e-12), "\(adjusted)")
        }
        // multipletests([0.03] + [1.0] * 9, method="holm")[1] → [0.3, 1.0, …, 1.0]: the
        // end-to-end case of one tag at raw p = 0.03 among ten.
        let ten = Statistics.holmAdjusted([0.03] + Array(repeating: 1.0, count: 9))
        #expect(statsClose(ten[0], 0.3, within: 1e-12))
        #expect(ten.dropFirst().allSatisfy { $0 == 1 })
    }

    @Test func holmEdges() {
        #expect(Statistics.holmAdjusted([]).isEmpty)
        #expect(Statistics.holmAdjusted([0.04]) == [0.04], "a family of one is not adjusted")
        // NaN stays NaN and is not counted in m: the rest is a family of two.
        let withNaN = Statistics.holmAdjusted([0.02, .nan, 0.04])
        #expect(statsClose(withNaN[0], 0.04, within: 1e-15))
        #expect(withNaN[1].isNaN)
        #expect(statsClose(withNaN[2], 0.04, within: 1e-15))
        // Never above 1, never below the raw p, monotone in the raw p.
        let raw = [0.9, 0.5, 0.001, 0.3]
        let adjusted = Statistics.holmAdjusted(raw)
        #expect(adjusted.allSatisfy { $0 <= 1 })
        #expect(zip(raw, adjusted).allSatisfy { $0 <= $1 })
        #expect(adjusted[2] < adjusted[3] && adjusted[3] <= adjusted[1])
    }

    /// Newcombe (1998)'s published paired examples, read as base − candidate: its upper
    /// bound is minus the lower end of his interval for candidate − base (see
    /// StatisticsPairedTests.newcombePairedExamples for the mapping of his cells).
    @Test func nonInferiorityOnNewcombeExamples() throws {
        // Newcombe's example (e) 53, 0, 0, 1: interval −0.0729 to 0.0729.
        let tight = try #require(
            Statistics.nonInferiority(a: 53, b: 0, c: 0, d: 1, margin: 0.08))
        #expect(statsClose(tight.upperBound, 0.0729, within: 6e-5))
        #expect(tight.holds && tight.neededCases == nil)
        let strict = try #require(
            Statistics.nonInferiority(a: 53, b: 0, c: 0, d: 1, margin: 0.05))
        #expect(!strict.holds)
        // No discordant pair: ψ = 1/54, δ = 0. scipy 1.17:
        // (norm.ppf(0.975) + norm.ppf(0.8))**2 * (1/54) / 0.05**2 → 58.1398 → 59.
        #expect(strict.neededCases == 59)
        // Example (a) 36, 12, 2, 0 with the base better (12 base-only passes): the interval
        // for candidate − base is −0.3404 to −0.0569, so base − candidate is at most 0.3404.
        let worse = try #require(
            Statistics.nonInferiority(a: 36, b: 12, c: 2, d: 0, margin: 0.1))
        #expect(statsClose(worse.upperBound, 0.3404, within: 6e-5))
        #expect(!worse.holds)
        #expect(worse.neededCases == nil, "δ = 0.2 ≥ margin: no size shows it")
        // The candidate better, (36, 2, 12, 0): base − candidate ≤ −0.0569.
        let better = try #require(
            Statistics.nonInferiority(a: 36, b: 2, c: 12, d: 0, margin: 0.02))
        #expect(statsClose(better.upperBound, -0.0569, within: 6e-5))
        #expect(better.holds)
    }

    @Test func nonInferiorityNeededCasesMatchesScipy() throws {
        // 40 pairs, 6 base-only and 2 candidate-only passes, margin 0.15: δ = 0.1, ψ = 0.2.
        // scipy 1.17: z = norm.ppf(0.975) + norm.ppf(0.8);
        // z**2 * (0.2 - 0.1**2) / (0.15 - 0.1)**2 → 596.5149 → 597.
        let result = try #require(
            Statistics.nonInferiority(a: 30, b: 6, c: 2, d: 2, margin: 0.15))
        #expect(!result.holds)
        #expect(result.neededCases == 597)
        // Equal versions, 40 cases with 2 discordant each way, margin 0.02: δ = 0, ψ = 0.1;
        // z**2 * 0.1 / 0.02**2 → 1962.22 → 1963 (so 2,000 equal cases can show it).
        let equal = try #require(
            Statistics.nonInferiority(a: 30, b: 2, c: 2, d: 6, margin: 0.02))
        #expect(!equal.holds && equal.neededCases == 1963)
        #expect(Statistics.nonInferiority(a: 1, b: 0, c: 0, d: 0, margin: 0) == nil)
        #expect(Statistics.nonInferiority(a: -1, b: 0, c: 0, d: 0, margin: 0.1) == nil)
    }

    @Test func fleissKappaOnFleissTable() {
        // Fleiss (1971)'s table: 10 subjects, 5 categories, 14 raters. statsmodels 0.14:
        // fleiss_kappa(table, method="fleiss") → 0.20993070442195522.
        let table = [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ]
        #expect(statsClose(Statistics.fleissKappa(table), 0.20993070442195522, within: 1e-12))
        // A judge asked 3 times about 6 cases (pass, fail counts). statsmodels:
        // fleiss_kappa([[3,0],[3,0],[2,1],[0,3],[1,2],[3,0]], method="fleiss") → 0.5.
        let judge = [[3, 0], [3, 0], [2, 1], [0, 3], [1, 2], [3, 0]]
        #expect(statsClose(Statistics.fleissKappa(judge), 0.5, within: 1e-12))
        #expect(Statistics.fleissKappa([[3, 0], [3, 0]]) == 1, "all in one category")
        #expect(Statistics.fleissKappa([]).isNaN)
        #expect(Statistics.fleissKappa([[3, 0], [2, 0]]).isNaN, "ragged")
        #expect(Statistics.fleissKappa([[1, 0]]).isNaN, "one rater")
    }

    @Test func passAtKAndPassHatK() {
        // Python: 1 - comb(7, 5) / comb(10, 5) → 0.9166666666666666;
        // comb(3, 2) / comb(10, 2) → 0.06666666666666667;
        // 1 - comb(183, 10) / comb(200, 10) → 0.5974489015799118.
        #expect(
            statsClose(Statistics.passAtK(n: 10, c: 3, k: 5), 0.9166666666666666, within: 1e-12))
        #expect(
            statsClose(Statistics.passHatK(n: 10, c: 3, k: 2), 0.06666666666666667, within: 1e-12))
        #expect(
            statsClose(Statistics.passAtK(n: 200, c: 17, k: 10), 0.5974489015799118, within: 1e-12))
        // k = n: any pass / all pass.
        #expect(Statistics.passAtK(n: 3, c: 1, k: 3) == 1)
        #expect(Statistics.passAtK(n: 3, c: 0, k: 3) == 0)
        #expect(Statistics.passHatK(n: 3, c: 3, k: 3) == 1)
        #expect(Statistics.passHatK(n: 3, c: 2, k: 3) == 0)
        #expect(Statistics.passAtK(n: 3, c: 4, k: 1).isNaN)
        #expect(Statistics.passHatK(n: 3, c: 1, k: 4).isNaN)
    }
}
