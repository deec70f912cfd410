import Compare
import Foundation
import PromptGateModel
import Testing

/// Pairing and the verdict on synthetic runs with known counts.
@Suite struct ComparerTests {
    static func info(_ id: Int64, _ version: String) -> RunInfo {
        RunInfo(
            id: id, startedAt: "2026-11-25T00:00:00Z", promptID: "p", promptVersion: version,
            prompt: .init(path: "prompts/p/v\(version).yaml", sha256: "x"), suites: [],
            suiteNames: ["s"], providerName: "fake", providerConfig: "{}", providerSHA256: "y",
            promptgateVersion: "0", status: .completed, repeatCount: 1, mode: "offline")
    }

    static func result(
        _ id: String, passed: Bool, output: String = "o", repeatIndex: Int = 0, tags: [String] = []
    )
        -> CaseResult
    {
        CaseResult(
            suite: "s", caseID: id, repeatIndex: repeatIndex, ordinal: 0, tags: tags, messages: [],
            output: output, passed: passed, score: passed ? 1 : 0, assertions: [], latencyMs: 1,
            promptTokens: 1, completionTokens: 1, finishReason: "stop", error: nil, requestKey: "k",
            origin: .recording)
    }

    /// a both pass, b base only, c candidate only, d neither.
    static func compare(a: Int, b: Int, c: Int, d: Int) -> Comparison {
        var base: [CaseResult] = []
        var candidate: [CaseResult] = []
        var n = 0
        for (count, bp, cp) in [
            (a, true, true), (b, true, false), (c, false, true), (d, false, false),
        ] {
            for _ in 0..<count {
                n += 1
                base.append(result("c\(n)", passed: bp))
                candidate.append(result("c\(n)", passed: cp))
            }
        }
        return Comparer.compare(
            base: RunReport(info: info(1, "1"), results: base),
            candidate: RunReport(info: info(2, "2"), results: candidate))
    }

    @Test func aFivePointDropFromNinetyPercentIsInconclusiveWithTheCasesNeeded() {
        // Base 90/100, candidate 85/100: 10 regressions, 5 improvements.
        let s = Self.compare(a: 80, b: 10, c: 5, d: 5).statistics
        #expect(s.baseline.passRate == 0.9 && s.candidate.passRate == 0.85)
        #expect(s.regressions == 10 && s.improvements == 5)
        #expect(abs(s.mcnemarP - 0.30175781) < 1e-6)  // 2·P(X ≤ 5 | n = 15, p = ½)
        #expect(s.verdict == .inconclusive)
        // Connor (1987) with p10 = 0.10, p01 = 0.05, α = 0.05, power 0.8:
        // n = (1.959964·√0.15 + 0.841621·√(0.15 − 0.05²))² / 0.05² = 468.57 → 469.
        #expect(s.neededCases == 469)
    }

    @Test func discordanceOfTenToTwoIsWorse() {
        let s = Self.compare(a: 50, b: 10, c: 2, d: 8).statistics
        #expect(abs(s.mcnemarP - 0.0386) < 0.0001)
        #expect(s.verdict == .worse)
        #expect(s.difference < 0 && s.differenceInterval.high < 0)
        let better = Self.compare(a: 50, b: 2, c: 10, d: 8).statistics
        #expect(better.verdict == .better)
        #expect(abs(better.mcnemarP - s.mcnemarP) < 1e-12, "the test is symmetric")
    }

    @Test func identicalVerdictsAreNoSignificantDifference() {
        let s = Self.compare(a: 30, b: 0, c: 0, d: 5).statistics
        #expect(s.verdict == .noSignificantDifference)
        #expect(s.mcnemarP == 1)
        #expect(s.neededCases == nil)
    }

    @Test func classificationAndTextChange() {
        let base = [
            Self.result("same", passed: true, output: "x"),
            Self.result("edited", passed: true, output: "x"),
            Self.result("gone", passed: true),
        ]
        let candidate = [
            Self.result("same", passed: true, output: "x"),
            Self.result("edited", passed: true, output: "y"),
            Self.result("fresh", passed: false),
        ]
        let comparison = Comparer.compare(
            base: RunReport(info: Self.info(1, "1"), results: base),
            candidate: RunReport(info: Self.info(2, "2"), results: candidate))
        let byID = Dictionary(uniqueKeysWithValues: comparison.cases.map { ($0.caseID, $0) })
        #expect(byID["same"]?.status == .stillPassing && byID["same"]?.textChanged == false)
        #expect(byID["edited"]?.status == .stillPassing && byID["edited"]?.textChanged == true)
        #expect(byID["gone"]?.status == .removed)
        #expect(byID["fresh"]?.status == .new)
    }

    @Test func repeatsJudgeByMajorityAndFlagFlakiness() {
        let base = [true, true, false].enumerated().map {
            Self.result("c", passed: $1, repeatIndex: $0)
        }
        let candidate = [false, true, false].enumerated().map {
            Self.result("c", passed: $1, repeatIndex: $0)
        }
        let comparison = Comparer.compare(
            base: RunReport(info: Self.info(1, "1"), results: base),
            candidate: RunReport(info: Self.info(2, "2"), results: candidate))
        let c = comparison.cases[0]
        #expect(c.status == .regression)
        #expect(c.withinFlakiness, "2/3 against 1/3 is within the case's flakiness")
        #expect(comparison.statistics.permutationP != nil)
    }
}
