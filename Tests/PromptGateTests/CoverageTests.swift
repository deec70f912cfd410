import Basics
import Compare
import Foundation
import PromptGateModel
import Reports
import Store
import Testing

/// Completeness of a comparison: what each side should hold, what it holds, and how cases a
/// side has not run are classified.
@Suite struct CoverageTests {
    static func slots(_ ids: [String], repeats: Int = 1) -> ExpectedSlots {
        ExpectedSlots(
            slots: ids.flatMap { id in
                (0..<repeats).map { ResultSlot(suite: "s", caseID: id, repeatIndex: $0) }
            },
            suites: ["s"])
    }

    static func report(
        _ id: Int64, _ version: String, _ ids: [String], status: RunInfo.Status = .completed
    ) -> RunReport {
        var info = ComparerTests.info(id, version)
        info.status = status
        return RunReport(
            info: info, results: ids.map { ComparerTests.result($0, passed: true) })
    }

    /// A stopped-early run is whole only through its sequential stop, and then only for the
    /// cases the stop looked at (the first in ``SequentialOrder``).
    @Test func aSequentialStopIsTheOnlyExceptionToCompleted() {
        let all = (0..<20).map { "c\($0)" }
        let expected = Self.slots(all).sequentialPrefix(cases: 6)
        #expect(expected.slots.count == 6)
        let looked = expected.slots.map(\.caseID)
        let ordered = SequentialOrder.cases(of: Self.slots(all).slots).prefix(6).map(\.caseID)
        #expect(Set(looked) == Set(ordered))
        var stopped = Self.report(2, "2", looked, status: .stoppedEarly)
        let stop = SequentialStop(
            looks: 10, look: 3, stoppedAtCases: 6, plannedCases: 20, reason: .harm,
            alphaSpent: 0.001, alpha: 0.05, boundary: 3.93, z: 4.2, margin: nil,
            savedRequests: 28)
        stopped.info.summary = RunSummary()
        stopped.info.summary?.sequential = stop
        let base = Self.report(1, "1", looked)
        let whole = Comparer.compare(base: base, candidate: stopped, expected: (expected, expected))
        #expect(whole.isComplete, "\(whole.coverage.problems)")
        // Measured against every case of the suites, the same run is 6 of 20.
        let fixed = Comparer.compare(
            base: base, candidate: stopped, expected: (Self.slots(all), Self.slots(all)))
        #expect(!fixed.isComplete)
        // Without its stop (or with an end that stopped nothing) stopped-early is no evidence.
        var bare = stopped
        bare.info.summary?.sequential = nil
        #expect(
            !Comparer.compare(base: base, candidate: bare, expected: (expected, expected))
                .isComplete)
        var ended = stopped
        ended.info.summary?.sequential?.reason = .end
        let endedComparison = Comparer.compare(
            base: base, candidate: ended, expected: (expected, expected))
        #expect(!endedComparison.isComplete)
        #expect(endedComparison.coverage.verdictLine?.contains("stopped-early") == true)
        // A case of the looked-at prefix missing: incomplete, named.
        let short = Self.report(2, "2", Array(looked.dropLast()), status: .stoppedEarly)
        var shortStopped = short
        shortStopped.info.summary = stopped.info.summary
        #expect(
            !Comparer.compare(base: base, candidate: shortStopped, expected: (expected, expected))
                .isComplete)
    }

    @Test func completeWhenEverySlotIsThere() {
        let all = ["a", "b", "c"]
        let comparison = Comparer.compare(
            base: Self.report(1, "1", all), candidate: Self.report(2, "2", all),
            expected: (Self.slots(all), Self.slots(all)))
        #expect(comparison.isComplete)
        #expect(comparison.coverage.verdictLine == nil)
        #expect(comparison.cases.map(\.status) == [.stillPassing, .stillPassing, .stillPassing])
    }

    @Test func interruptedCandidateIsIncompleteAndItsMissingCasesAreNotRun() {
        let all = (0..<10).map { "c\($0)" }
        let comparison = Comparer.compare(
            base: Self.report(1, "1", all),
            candidate: Self.report(2, "2", Array(all.prefix(3)), status: .interrupted),
            expected: (Self.slots(all), Self.slots(all)))
        #expect(!comparison.isComplete)
        #expect(
            comparison.coverage.verdictLine
                == "incomplete: 3 of 10 cases on the candidate (run 2, interrupted)")
        #expect(comparison.cases(.notRun).count == 7)
        #expect(comparison.cases(.removed).isEmpty, "a case not yet run is not removed")
        #expect(comparison.statistics.pairs == 3)
    }

    @Test func completedRunMissingAnAddedCaseNamesIt() {
        let comparison = Comparer.compare(
            base: Self.report(1, "1", ["a", "b"]), candidate: Self.report(2, "2", ["a", "b"]),
            expected: (Self.slots(["a", "b", "new1"]), Self.slots(["a", "b", "new1"])))
        #expect(
            comparison.coverage.verdictLine
                == "incomplete: 2 of 3 cases on the candidate (run 2); not in the run: s/new1; 2 of 3 cases on the baseline (run 1); not in the run: s/new1"
        )
        let added = comparison.cases.first { $0.caseID == "new1" }
        #expect(added?.status == .notRun, "in neither run, but the suites hold it")
    }

    @Test func aCaseOnlyTheCandidateExpectsIsNewNotNotRun() {
        let comparison = Comparer.compare(
            base: Self.report(1, "1", ["a"]), candidate: Self.report(2, "2", ["a", "b"]),
            expected: (Self.slots(["a"]), Self.slots(["a", "b"])))
        #expect(comparison.isComplete)
        #expect(comparison.cases.first { $0.caseID == "b" }?.status == .new)
    }

    @Test func repeatsCountSlotsAndAShardIsNeverComplete() {
        var candidate = Self.report(2, "2", ["a", "b"])
        candidate.info.repeatCount = 2
        candidate.results += ["a", "b"].map {
            ComparerTests.result($0, passed: true, repeatIndex: 1)
        }
        candidate.info.summary = RunSummary()
        candidate.info.summary?.shard = RunShard(index: 1, count: 2)
        let comparison = Comparer.compare(
            base: Self.report(1, "1", ["a", "b", "c"]), candidate: candidate,
            expected: (Self.slots(["a", "b", "c"]), Self.slots(["a", "b", "c"], repeats: 2)))
        #expect(comparison.coverage.candidate.expected == 6)
        #expect(comparison.coverage.candidate.present == 4)
        #expect(
            comparison.coverage.verdictLine
                == "incomplete: 4 of 6 case × repeat results on the candidate (run 2, only shard 1/2)"
        )
    }

    @Test func withoutExpectationsOnlyTheStatusDecides() {
        let comparison = Comparer.compare(
            base: Self.report(1, "1", ["a"]),
            candidate: Self.report(2, "2", ["a"], status: .budgetExceeded))
        #expect(
            comparison.coverage.verdictLine
                == "incomplete: 1 of 1 case on the candidate (run 2, budget-exceeded)")
    }

    @Test func everyReportFormatSaysIncomplete() throws {
        let all = (0..<4).map { "c\($0)" }
        let comparison = Comparer.compare(
            base: Self.report(1, "1", all),
            candidate: Self.report(2, "2", ["c0"], status: .interrupted),
            expected: (Self.slots(all), Self.slots(all)))
        let text = try comparison.text(style: TerminalStyle(enabled: false))
        #expect(text.contains("\nIncomplete: 1 of 4 cases on the candidate (run 2, interrupted)\n"))
        #expect(text.contains("verdict: incomplete — "))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(comparison.json().utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["complete"] as? Bool == false)
        #expect(summary["verdict"] as? String == "incomplete")
        let coverage = summary["coverage"] as? [String: [String: Any]]
        #expect(coverage?["candidate"]?["expected"] as? Int == 4)
        #expect(coverage?["candidate"]?["present"] as? Int == 1)
        #expect(coverage?["candidate"]?["status"] as? String == "interrupted")
        #expect(
            try comparison.markdown().contains("> ⚠️ **Incomplete evidence** — incomplete: 1 of 4"))
        #expect(try comparison.html().contains("<strong>Incomplete evidence</strong>"))
        let junit = try comparison.junit()
        #expect(
            junit.contains(
                "<testcase classname=\"promptgate.coverage\" name=\"complete evidence\">"))
        #expect(junit.contains("<property name=\"verdict\" value=\"incomplete\"/>"))
    }
}
