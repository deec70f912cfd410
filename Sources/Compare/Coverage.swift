import Basics
import Engine
import PromptGateModel
import Store

/// The case × repeat slots a side of a comparison should hold: every case of the suites as
/// they are now, times the run's repeat count. A comparison is only evidence when each side
/// holds all of them.
public struct ExpectedSlots: Sendable {
    /// In plan order.
    public var slots: [ResultSlot]
    /// Suite names, in plan order.
    public var suites: [String]

    public init(slots: [ResultSlot], suites: [String]) {
        self.slots = slots
        self.suites = suites
    }

    /// What a run of prompt `promptID` with `repeatCount` repeats would have to hold now: the
    /// suites that test the prompt (only `suiteFilter`'s, when given).
    public static func of(
        project: Project, promptID: String, suiteFilter: [String], repeatCount: Int
    ) -> ExpectedSlots {
        var suites = project.suites.filter { $0.header.prompt.value == promptID }
        if !suiteFilter.isEmpty { suites = suites.filter { suiteFilter.contains($0.name) } }
        let items = RunPlan.workItems(suites: suites, repeatCount: repeatCount)
        return ExpectedSlots(
            slots: items.map {
                ResultSlot(
                    suite: suites[$0.suiteIndex].name,
                    caseID: suites[$0.suiteIndex].cases.id(at: $0.caseIndex),
                    repeatIndex: $0.repeatIndex)
            },
            suites: suites.map(\.name))
    }

    /// The slots a side's results fill: used when nothing says what the suites hold.
    public static func filled(by results: [SummarizedResult]) -> ExpectedSlots {
        var suites: [String] = []
        for r in results where !suites.contains(r.suite) { suites.append(r.suite) }
        return ExpectedSlots(
            slots: results.map {
                ResultSlot(
                    suite: $0.suite, caseID: $0.caseID, repeatIndex: $0.summary.repeatIndex)
            },
            suites: suites)
    }
}

/// How much of its expected evidence one side of a comparison holds.
public struct SideCoverage: Sendable, Hashable {
    public var runID: Int64
    public var promptRef: String
    public var status: RunInfo.Status
    /// The part of the plan the run covered, when it was one shard.
    public var shard: RunShard?
    public var repeatCount: Int
    /// Slots the suites hold now.
    public var expected: Int
    /// Of those, the slots the run has a result for.
    public var present: Int
    /// Cases (`suite/id`) with at least one missing slot, in plan order, the first 20.
    public var missingCases: [String]
    /// How many cases have a missing slot.
    public var missingCaseCount: Int
    /// The stop of the `--sequential` compare the run was a side of, if any.
    public var sequential: SequentialStop? = nil

    /// Every slot has a result, from a run that finished whole (not one shard); errors are
    /// results here, reported as error cases (`compare --resume` sends them again). A
    /// `stopped-early` run is whole only through its sequential stop, and then the expected
    /// slots are those of the cases looked at (``ExpectedSlots/sequentialPrefix(cases:)``).
    public var complete: Bool {
        finished && shard == nil && present == expected && expected > 0
    }

    /// Finished whole, or stopped by a sequential compare's decision: the one exception.
    var finished: Bool {
        status.isComplete || (status == .stoppedEarly && sequential?.stoppedEarly == true)
    }

    /// "89 of 500 cases on the candidate (run 7, interrupted)"; nil when complete.
    public func problem(side: String) -> String? {
        guard !complete else { return nil }
        let unit =
            repeatCount > 1
            ? pluralWord(expected, "case × repeat result") : pluralWord(expected, "case")
        var why: [String] = ["run \(runID)"]
        if !finished { why.append(status.rawValue) }
        if let shard { why.append("only shard \(shard)") }
        if expected == 0 { return "no case of the suites on the \(side) (run \(runID))" }
        var out =
            "\(present) of \(expected) \(unit) on the \(side) (\(why.joined(separator: ", ")))"
        if finished, shard == nil, missingCaseCount > 0 {
            let shown = missingCases.prefix(5).joined(separator: ", ")
            let more = missingCaseCount > 5 ? " and \(missingCaseCount - 5) more" : ""
            out += "; not in the run: \(shown)\(more)"
        }
        return out
    }
}

/// Both sides' coverage: a comparison is complete only when both are.
public struct ComparisonCoverage: Sendable, Hashable {
    public var base: SideCoverage
    public var candidate: SideCoverage

    public var complete: Bool { base.complete && candidate.complete }

    /// Each incomplete side's problem, candidate first.
    public var problems: [String] {
        [candidate.problem(side: "candidate"), base.problem(side: "baseline")].compactMap { $0 }
    }

    /// "incomplete: 89 of 500 cases on the candidate (run 7, interrupted)"; nil when complete.
    public var verdictLine: String? {
        complete ? nil : "incomplete: " + problems.joined(separator: "; ")
    }

    /// What to do about it, for reports.
    public static let hint =
        "finish the runs (the same command with --resume, or without --shard) and compare again; an incomplete comparison is no evidence"

    /// The coverage of a side whose results fill the slots `has` accepts.
    static func measure(
        _ info: RunInfo, expected: ExpectedSlots, has: (ResultSlot) -> Bool
    ) -> SideCoverage {
        var present = 0
        var missing: [String] = []
        var missingCount = 0
        var lastMissing: (String, String)?
        for slot in expected.slots {
            if has(slot) {
                present += 1
            } else if lastMissing.map({ $0 != (slot.suite, slot.caseID) }) ?? true {
                lastMissing = (slot.suite, slot.caseID)
                missingCount += 1
                if missing.count < 20 { missing.append("\(slot.suite)/\(slot.caseID)") }
            }
        }
        return SideCoverage(
            runID: info.id, promptRef: info.promptRef, status: info.status,
            shard: info.summary?.shard, repeatCount: info.repeatCount,
            expected: expected.slots.count, present: present, missingCases: missing,
            missingCaseCount: missingCount, sequential: info.summary?.sequential)
    }
}
