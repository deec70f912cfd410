import Foundation
import Testing

@testable import Basics
@testable import Feedback
@testable import Stats

/// A/B statistics against values computed by hand, and the verdict rules.
@Suite struct FeedbackABTestTests {
    private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-4) -> Bool {
        abs(a - b) <= tolerance
    }

    @Test func fisherAndZTestOnHandComputedTables() {
        // [[3,1],[1,3]]: the tables as or less likely than a = 3 are a = 0, 1, 3, 4:
        // (1 + 16 + 16 + 1) / 70 = 0.4857 (R's tea-tasting example).
        #expect(close(Statistics.fisherExact(a: 3, b: 1, c: 1, d: 3), 34.0 / 70.0, 1e-12))
        // [[1,9],[11,3]] (the example in Wikipedia's article on the test): p = 0.002759.
        #expect(close(Statistics.fisherExact(a: 1, b: 9, c: 11, d: 3), 0.002759, 1e-6))
        // 293/412 vs 296/389: pooled 589/801, se = 0.031188, z = 0.049760 / 0.031188 = 1.5955,
        // p = 2(1 − Φ(1.5955)) = 0.1106.
        let z = Statistics.twoProportionZTest(
            successes1: 293, trials1: 412, successes2: 296, trials2: 389)
        #expect(close(z.z, 1.5955) && close(z.p, 0.1106))
        // 40/100 vs 60/100: pooled 0.5, se = √(0.5·0.5·0.02) = 0.070711, z = 2.8284,
        // p = 0.004678.
        let z2 = Statistics.twoProportionZTest(
            successes1: 40, trials1: 100, successes2: 60, trials2: 100)
        #expect(close(z2.z, 2.828427) && close(z2.p, 0.004678, 1e-5))
    }

    @Test func countsFromTheIssueAreNotSignificant() {
        let result = ABTest(
            control: .init(name: "c", successes: 293, trials: 412),
            treatment: .init(name: "t", successes: 296, trials: 389)
        ).run()
        #expect(result.verdict == .notSignificant)
        #expect(close(result.difference, 296.0 / 389 - 293.0 / 412, 1e-12))
        #expect(result.differenceInterval.contains(0))
        #expect(result.fisherP > 0.05 && result.zTestP > 0.05 && result.srmPassed)
        let needed = result.neededPerVariant ?? 0
        #expect(needed > 412 && needed < 2000)
        #expect(result.controlInterval.contains(293.0 / 412) && result.controlInterval.width < 0.1)
    }

    @Test func significantOnlyWhenBothTestsAgreeAndTheSplitHolds() {
        let clear = ABTest(
            control: .init(name: "c", successes: 400, trials: 1000),
            treatment: .init(name: "t", successes: 480, trials: 1000)
        ).run()
        #expect(clear.verdict == .significant && clear.srmPassed)
        #expect(clear.reasons.first?.contains("both tests agree") == true)

        // Same rates, but 1000 vs 1300 sessions on a 50/50 split: the assignment is broken.
        let mismatch = ABTest(
            control: .init(name: "c", successes: 400, trials: 1000),
            treatment: .init(name: "t", successes: 624, trials: 1300)
        ).run()
        #expect(mismatch.zTestP < 0.05 && mismatch.fisherP < 0.05)
        #expect(!mismatch.srmPassed && mismatch.verdict == .notSignificant)
        #expect(mismatch.reasons.contains { $0.contains("sample ratio mismatch") })
        // Declared as a 1000/1300 split, it is fine.
        let declared = ABTest(
            control: .init(name: "c", successes: 400, trials: 1000),
            treatment: .init(name: "t", successes: 624, trials: 1300), split: [10, 13]
        ).run()
        #expect(declared.verdict == .significant)
    }

    @Test func disagreeingTestsAreNotSignificant() {
        // Small counts where the z-test rejects and Fisher's exact test does not:
        // 0/10 vs 4/10: z = 0.4 / √(0.2·0.8·0.2) = 2.236, p = 0.0253; Fisher: P(a = 0) =
        // C(16,10)/C(20,10) = 0.0433, twice by symmetry = 0.0867.
        let test = ABTest(
            control: .init(name: "c", successes: 0, trials: 10),
            treatment: .init(name: "t", successes: 4, trials: 10), minimumTrials: 5)
        let result = test.run()
        #expect(result.zTestP < 0.05 && result.fisherP > 0.05)
        #expect(result.verdict == .notSignificant)
        #expect(result.reasons.contains { $0.contains("disagree") })
    }

    @Test func oddInputs() {
        let few = ABTest(
            control: .init(name: "c", successes: 1, trials: 5),
            treatment: .init(name: "t", successes: 5, trials: 5)
        ).run()
        #expect(few.verdict == .tooFewSamples)
        let empty = ABTest(
            control: .init(name: "c", successes: 0, trials: 0),
            treatment: .init(name: "t", successes: 0, trials: 0)
        ).run()
        #expect(empty.verdict == .tooFewSamples && empty.neededPerVariant == nil)
        #expect(empty.difference.isNaN)
        let json = ABTest.json(
            ABTest(
                control: .init(name: "c", successes: 0, trials: 0),
                treatment: .init(name: "t", successes: 0, trials: 0)),
            empty, metric: .satisfied)
        #expect((try? JSONText.pretty(json)) != nil, "NaN becomes null")
        let equal = ABTest(
            control: .init(name: "c", successes: 50, trials: 100),
            treatment: .init(name: "t", successes: 50, trials: 100)
        ).run()
        #expect(equal.verdict == .notSignificant && equal.neededPerVariant == nil)
    }

    @Test func metricsFromOutcomes() {
        let outcomes = [
            OutcomeRecord(
                sessionID: "1", promptVersion: "1.2", outcome: "resolved", satisfied: true),
            OutcomeRecord(
                sessionID: "2", promptVersion: "1.2", outcome: "escalated", satisfied: nil),
            OutcomeRecord(sessionID: "3", promptVersion: "1.2", outcome: nil, satisfied: false),
            OutcomeRecord(sessionID: "4", promptVersion: "1.3", outcome: "Resolution"),
        ]
        let satisfied = ABMetric.satisfied.variant("1.2", in: outcomes)
        #expect(satisfied.successes == 1 && satisfied.trials == 2 && satisfied.sessions == 3)
        let resolved = ABMetric.resolved.variant("1.2", in: outcomes)
        #expect(resolved.successes == 1 && resolved.trials == 2)
        #expect(ABMetric.resolved.variant("1.3", in: outcomes).successes == 1)
        #expect(ABMetric.resolved.variant("9", in: outcomes).sessions == 0)
    }
}
