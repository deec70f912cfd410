import Basics
import Compare
import Conversation
import Foundation
import JSON
import PromptGateModel

/// The JSON report of `compare`: summary, per tag, and every case, keys sorted.
extension Comparison {
    /// Throws when the store cannot give back the results the comparison's cases show.
    public func json() throws -> String {
        var out = ""
        try writeJSON { out += $0 }
        return out
    }

    /// The JSON report written in pieces, a case at a time, so a comparison of 100,000 cases
    /// never holds the whole text or a dictionary per case: the same bytes as one pretty
    /// print of the whole object (keys sorted, two spaces a level). At `level` > 0 it is a
    /// value inside an outer object (the gate's): its lines go that many levels in, and no
    /// newline ends it.
    public func writeJSON(level: Int = 0, _ write: (String) throws -> Void) throws {
        let indent = String(repeating: "  ", count: level)
        var object: [String: Any] = [
            "baseline_run": base.id, "candidate_run": candidate.id,
            "baseline": base.promptRef, "candidate": candidate.promptRef,
            "summary": summaryObject(),
            "notes": notes,
            "cost_usd": [
                "baseline": CostText.json(base.summary?.costUSD),
                "candidate": CostText.json(candidate.summary?.costUSD),
            ],
        ]
        object["prompt_diff"] = promptDiffObject()
        var tagObjects: [String: Any] = [:]
        for (tag, s) in tags { tagObjects[tag] = Self.statisticsObject(s) }
        object["tags"] = tagObjects
        var suiteObjects: [String: Any] = [:]
        for (suite, s) in suites { suiteObjects[suite] = Self.statisticsObject(s) }
        object["suites"] = suiteObjects
        // Named wherever per-tag or per-suite verdicts appear.
        object["multiple_comparisons"] = [
            "method": MultipleComparisons.method, "applies_to": ["tags", "suites"],
        ]
        if let j = judgeAgreement {
            object["judge_agreement"] = [
                "repeats": j.repeats, "judged_assertions": j.subjects,
                "unanimous_share": Self.number(j.unanimousShare),
                "fleiss_kappa": Self.number(j.fleissKappa),
                "disagreements": j.disagreements.map { ["suite": $0.suite, "id": $0.caseID] },
            ]
        }
        let metrics = metricsObject()
        if !metrics.isEmpty { object["metrics"] = metrics }
        object["cases"] = [Any]()  // a stand-in: sorts "cases" among the keys
        try write("{")
        for (index, key) in object.keys.sorted().enumerated() {
            try write((index > 0 ? "," : "") + "\n  " + indent + JSONText.string(key) + " : ")
            guard key == "cases" else {
                let value = object[key] ?? NSNull()
                try write(FoundationJSON.text(value, pretty: true, level: level + 1) ?? "null")
                continue
            }
            try write(cases.isEmpty ? "[\n" : "[")
            var text = ""
            var position = 0
            try withoutActuallyEscaping(write) { write in
                try forEachCase(cases) { c in
                    // A big output goes to `write` in slices: the text never holds it.
                    text.removeAll(keepingCapacity: true)
                    text += position > 0 ? ",\n    " : "\n    "
                    text += indent
                    try Self.writeCase(c, into: &text, level: level + 2, spill: write)
                    position += 1
                    try write(text)
                }
            }
            try write("\n  " + indent + "]")
        }
        try write("\n" + indent + (level == 0 ? "}\n" : "}"))
    }

    /// The case as an object: the test oracle of ``writeCase(_:into:level:)``.
    static func caseObject(_ c: CaseComparison) -> [String: Any] {
        var o: [String: Any] = [
            "suite": c.suite, "id": c.caseID, "status": c.status.rawValue,
            "text_changed": c.textChanged, "within_flakiness": c.withinFlakiness,
            "tags": c.tags, "judge_disagreed": c.judgeDisagreed,
        ]
        o["tools_changed"] = c.toolsChanged
        if let change = c.toolChange { o["tool_change"] = Self.toolChangeObject(change) }
        o["baseline"] = c.base.map(Self.sideObject) ?? NSNull()
        o["candidate"] = c.candidate.map(Self.sideObject) ?? NSNull()
        return o
    }

    /// The overall statistics, with completeness: an incomplete comparison's verdict is
    /// `incomplete` (the statistical one stays under `statistical_verdict`).
    func summaryObject() -> [String: Any] {
        var o = Self.statisticsObject(statistics)
        o["complete"] = coverage.complete
        if let ni = statistics.nonInferiority {
            o["non_inferiority"] = [
                "margin": ni.margin, "upper_bound": Self.number(ni.upperBound, places: 1_000_000),
                "holds": ni.holds, "needed_cases": ni.neededCases ?? NSNull(),
            ]
        }
        o["statistical_verdict"] = statistics.verdict.rawValue
        if let line = coverage.verdictLine {
            o["verdict"] = "incomplete"
            o["incomplete"] = line
        }
        func side(_ c: SideCoverage) -> [String: Any] {
            [
                "run_id": c.runID, "status": c.status.rawValue, "expected": c.expected,
                "present": c.present, "complete": c.complete,
                "shard": c.shard.map(\.description) ?? NSNull(),
                "missing_cases": c.missingCaseCount, "missing_sample": c.missingCases,
            ]
        }
        o["coverage"] = ["baseline": side(coverage.base), "candidate": side(coverage.candidate)]
        if let q = sequential {
            o["sequential"] =
                [
                    "looks": q.looks, "look": q.look, "stopped_at_cases": q.stoppedAtCases,
                    "planned_cases": q.plannedCases, "reason": q.reason.rawValue,
                    "stopped_early": q.stoppedEarly,
                    "alpha_spent": Self.number(q.alphaSpent, places: 1e8), "alpha": q.alpha,
                    "boundary": Self.number(q.boundary), "z": Self.number(q.z),
                    "margin": q.margin ?? NSNull(), "saved_requests": q.savedRequests,
                    "method":
                        "Lan-DeMets O'Brien-Fleming alpha spending, McNemar z on discordant pairs",
                ] as [String: Any]
        }
        return o
    }

    /// NaN and infinities are not JSON: they become null.
    static func number(_ x: Double, places: Double = 10000) -> Any {
        x.isFinite ? (x * places).rounded() / places : NSNull()
    }

    static func sideSummaryObject(_ s: SideSummary) -> [String: Any] {
        [
            "pass_rate": number(s.passRate), "ci_low": number(s.interval.low),
            "ci_high": number(s.interval.high), "passed": s.passed, "failed": s.failed,
            "errors": s.errors, "repeats": s.repeats, "pass_hat_k": number(s.passHatK),
            "pass_at_k": number(s.passAtK),
        ]
    }

    static func statisticsObject(_ s: PairedStatistics) -> [String: Any] {
        [
            "baseline": sideSummaryObject(s.baseline), "candidate": sideSummaryObject(s.candidate),
            "pairs": s.pairs, "regressions": s.regressions, "improvements": s.improvements,
            "both_pass": s.bothPass, "both_fail": s.bothFail,
            "mcnemar_p": number(s.mcnemarP, places: 1_000_000),
            "permutation_p": s.permutationP.map { number($0, places: 1_000_000) } ?? NSNull(),
            "difference": [
                "value": number(s.difference), "ci_low": number(s.differenceInterval.low),
                "ci_high": number(s.differenceInterval.high),
            ],
            "verdict": s.verdict.rawValue, "needed_cases": s.neededCases ?? NSNull(),
            "alpha": s.alpha, "p_raw": number(s.rawP, places: 1_000_000),
            "p_adjusted": s.pAdjusted.map { number($0, places: 1_000_000) } ?? NSNull(),
            "p_adjustment": s.pAdjusted == nil ? NSNull() : MultipleComparisons.method,
        ]
    }

    /// `{parting_step, baseline_calls, candidate_calls, argument_changes}`; arguments as
    /// parsed JSON (the raw text when a call's arguments are not JSON).
    static func toolChangeObject(_ change: ToolChange) -> [String: Any] {
        func calls(_ list: [ToolCall]) -> [[String: Any]] {
            list.map {
                [
                    "name": $0.name,
                    "arguments": ($0.parsedArguments ?? .string($0.arguments)).foundationObject,
                ]
            }
        }
        return [
            "parting_step": change.partingStep, "baseline_calls": calls(change.base),
            "candidate_calls": calls(change.candidate),
            "argument_changes": change.arguments.map { a -> [String: Any] in
                [
                    "call": a.call, "tool": a.tool, "path": a.path,
                    "baseline": a.base ?? NSNull(), "candidate": a.candidate ?? NSNull(),
                ]
            },
        ]
    }

    static func sideObject(_ side: CaseSide) -> [String: Any] {
        var o: [String: Any] = [
            "passed": side.passed, "pass_fraction": number(side.passFraction),
            "repeats": side.results.count, "score": number(side.meanScore),
            "output": side.output ?? NSNull(), "flaky": side.isFlaky,
        ]
        o["error"] = side.results.compactMap(\.error).first ?? NSNull()
        if side.results.contains(where: { $0.assertions.contains { $0.judgeVotes != nil } }) {
            o["judge_votes"] = side.results.map { r in
                r.assertions.compactMap(\.judgeVotes)
            }
        }
        o["failed_assertions"] = (side.first?.assertions ?? []).filter { !$0.passed && !$0.skipped }
            .map { ["type": $0.type, "reason": $0.reason] }
        return o
    }
}
