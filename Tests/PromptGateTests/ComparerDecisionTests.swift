import Assertions
import Compare
import Foundation
import PromptGateModel
import Testing

/// Holm-adjusted families, non-inferiority, pass^k and judge agreement on synthetic runs.
@Suite struct ComparerDecisionTests {
    typealias T = ComparerTests

    static func report(_ results: [CaseResult], version: String) -> RunReport {
        RunReport(info: T.info(version == "1" ? 1 : 2, version), results: results)
    }

    @Test func holmTurnsARawlySignificantTagIntoNoVerdictButNotTheOverall() {
        // Tag t0: 6 regressions (raw p 0.03125); t1 and t2: 4 cases that pass on both.
        var base: [CaseResult] = []
        var candidate: [CaseResult] = []
        for i in 0..<6 {
            base.append(T.result("r\(i)", passed: true, tags: ["t0"]))
            candidate.append(T.result("r\(i)", passed: false, tags: ["t0"]))
        }
        for tag in ["t1", "t2"] {
            for i in 0..<4 {
                base.append(T.result("\(tag)-\(i)", passed: true, tags: [tag]))
                candidate.append(T.result("\(tag)-\(i)", passed: true, tags: [tag]))
            }
        }
        let comparison = Comparer.compare(
            base: Self.report(base, version: "1"), candidate: Self.report(candidate, version: "2"))
        #expect(comparison.statistics.verdict == .worse)
        #expect(comparison.statistics.pAdjusted == nil)
        let t0 = comparison.tags.first { $0.tag == "t0" }?.statistics
        #expect(abs((t0?.rawP ?? 0) - 0.03125) < 1e-12)
        // statsmodels: multipletests([0.03125, 1, 1], method="holm")[1][0] → 0.09375
        #expect(abs((t0?.pAdjusted ?? 0) - 0.09375) < 1e-12)
        #expect(t0?.verdict != .worse, "\(String(describing: t0?.verdict))")
        // One suite: no per-suite family.
        #expect(comparison.suites.isEmpty)
    }

    @Test func nonInferiorityIsAddedOnRequestAndMirrorsTheInterval() {
        let plain = T.compare(a: 30, b: 2, c: 2, d: 6)
        #expect(plain.statistics.nonInferiority == nil)
        let withMargin = plain.statistics.withNonInferiority(margin: 0.02)
        let ni = withMargin.nonInferiority
        #expect(ni?.holds == false)
        #expect(ni?.upperBound == -plain.statistics.differenceInterval.low)
        #expect(ni?.neededCases == 1963)
    }

    @Test func passHatKAndPassAtKOverRepeats() {
        // Two cases × 3 repeats: one passes 3/3, one 2/3 on the candidate.
        var base: [CaseResult] = []
        var candidate: [CaseResult] = []
        for r in 0..<3 {
            for id in ["a", "b"] {
                base.append(T.result(id, passed: true, repeatIndex: r))
                candidate.append(T.result(id, passed: id == "a" || r != 1, repeatIndex: r))
            }
        }
        let s = Comparer.compare(
            base: Self.report(base, version: "1"), candidate: Self.report(candidate, version: "2")
        ).statistics
        #expect(s.candidate.repeats == 3)
        #expect(s.candidate.passHatK == 0.5)
        #expect(s.candidate.passAtK == 1)
        #expect(s.baseline.passHatK == 1)
        #expect(s.candidate.passRate == 1, "the majority verdict passes both")
    }

    @Test func judgeAgreementCountsUnanimityAndListsDisagreements() throws {
        func judged(_ id: String, _ votes: [Bool]) -> CaseResult {
            var r = T.result(id, passed: votes.filter { $0 }.count * 2 > votes.count)
            r.assertions = [
                AssertionResult(
                    type: "llm-rubric", passed: r.passed, score: 0, reason: "", judgeVotes: votes)
            ]
            return r
        }
        let base = [judged("x", [true, true, true]), judged("y", [true, true, true])]
        let candidate = [judged("x", [true, true, true]), judged("y", [true, false, false])]
        let comparison = Comparer.compare(
            base: Self.report(base, version: "1"), candidate: Self.report(candidate, version: "2"))
        let agreement = try #require(comparison.judgeAgreement)
        #expect(agreement.repeats == 3 && agreement.subjects == 4)
        #expect(agreement.unanimousShare == 0.75)
        // statsmodels: fleiss_kappa([[3,0],[3,0],[3,0],[1,2]], method="fleiss") → 0.4
        #expect(abs(agreement.fleissKappa - 0.4) < 1e-12)
        #expect(agreement.disagreements.map(\.caseID) == ["y"])
        #expect(
            Comparer.compare(
                base: Self.report([T.result("x", passed: true)], version: "1"),
                candidate: Self.report([T.result("x", passed: true)], version: "2")
            ).judgeAgreement == nil)
    }
}
