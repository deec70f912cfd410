import Compare
import Foundation
import PromptGateModel

/// The JSON report of `compare`: summary, per tag, and every case, keys sorted.
extension Comparison {
    public func json() -> String {
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
        let metrics = metricsObject()
        if !metrics.isEmpty { object["metrics"] = metrics }
        object["cases"] = cases.map { c -> [String: Any] in
            var o: [String: Any] = [
                "suite": c.suite, "id": c.caseID, "status": c.status.rawValue,
                "text_changed": c.textChanged, "within_flakiness": c.withinFlakiness,
                "tags": c.tags,
            ]
            o["baseline"] = c.base.map(Self.sideObject) ?? NSNull()
            o["candidate"] = c.candidate.map(Self.sideObject) ?? NSNull()
            return o
        }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object,
                options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The overall statistics, with completeness: an incomplete comparison's verdict is
    /// `incomplete` (the statistical one stays under `statistical_verdict`).
    func summaryObject() -> [String: Any] {
        var o = Self.statisticsObject(statistics)
        o["complete"] = coverage.complete
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
            "errors": s.errors,
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
            "alpha": s.alpha,
        ]
    }

    static func sideObject(_ side: CaseSide) -> [String: Any] {
        var o: [String: Any] = [
            "passed": side.passed, "pass_fraction": number(side.passFraction),
            "repeats": side.results.count, "score": number(side.meanScore),
            "output": side.output ?? NSNull(), "flaky": side.isFlaky,
        ]
        o["error"] = side.results.compactMap(\.error).first ?? NSNull()
        o["failed_assertions"] = (side.first?.assertions ?? []).filter { !$0.passed && !$0.skipped }
            .map { ["type": $0.type, "reason": $0.reason] }
        return o
    }
}
