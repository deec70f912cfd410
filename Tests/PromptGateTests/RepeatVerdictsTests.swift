import Compare
import PromptGateModel
import Testing

/// A side's repeats counted in place: what every pass rate, McNemar table and pass^k reads.
@Suite struct RepeatVerdictsTests {
    static func summary(_ index: Int, passed: Bool = false, errored: Bool = false, score: Double)
        -> RepeatSummary
    {
        RepeatSummary(
            repeatIndex: index, passed: passed, errored: errored, score: score, latencyMs: nil,
            tokens: 0, assertions: [], outputDigest: nil, rowID: 0)
    }

    @Test func anEmptyListHasNoRepeatsAndNoVerdicts() {
        let empty = RepeatList([])
        #expect(empty.count == 0)
        #expect(empty.verdicts == RepeatVerdicts())
        #expect(empty.gradedScore == 0)
    }

    @Test func erroredRepeatsAreNeitherGradedNorPassed() {
        // Passed is set on the errored repeat on purpose: an error is never a pass.
        let list = RepeatList([
            Self.summary(0, passed: true, score: 1),
            Self.summary(1, passed: true, errored: true, score: 0.9),
            Self.summary(2, score: 0.25),
            Self.summary(3, passed: true, score: 0.5),
        ])
        #expect(list.count == 4)
        #expect(list.map(\.repeatIndex) == [0, 1, 2, 3])
        let v = list.verdicts
        #expect((v.errored, v.graded, v.passed, v.count) == (1, 3, 2, 4))
        #expect(v.majorityPassed && !v.passedAll && v.passedAny)
        #expect(list.gradedScore == 1.75)
        let side = CaseSide(repeats: list)
        #expect(side.errored && side.gradedCount == 3 && side.passCount == 2)
        #expect(side.meanScore == 1.75 / 3)
        #expect(side.isFlaky)
    }

    @Test func halfPassingIsNotAMajority() {
        let v = RepeatList([Self.summary(0, passed: true, score: 1), Self.summary(1, score: 0)])
            .verdicts
        #expect(!v.majorityPassed && v.passFraction == 0.5)
        let one = RepeatList(one: Self.summary(0, passed: true, score: 1))
        #expect(one.count == 1 && one.verdicts.passedAll && one.verdicts.majorityPassed)
    }
}
