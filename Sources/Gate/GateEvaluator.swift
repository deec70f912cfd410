import Basics
import Compare
import Foundation
import PromptGateModel

/// The outcome of applying a gate policy to a comparison.
public struct GateDecision: Sendable, Hashable {
    public var passed: Bool
    /// Why it blocked, one line per rule that failed.
    public var reasons: [String]
    /// Rules that want attention without blocking (e.g. `inconclusive: warn`).
    public var warnings: [String]
    /// Good news to act on (a known failure that now passes).
    public var notes: [String]
}

/// Applies the project's gate policy, and each suite's override to that suite's cases.
public struct GateEvaluator {
    public var global: GatePolicy
    /// Suite name → its own `gate:` settings.
    public var suiteOverrides: [String: GatePolicy]

    public init(global: GatePolicy, suiteOverrides: [String: GatePolicy] = [:]) {
        self.global = global
        self.suiteOverrides = suiteOverrides
    }

    /// The policy that governs the whole comparison and the overrides, as evidence.
    public var canonicalJSON: String {
        var parts = ["\"project\":" + global.canonicalJSON]
        for (suite, policy) in suiteOverrides.sorted(by: { $0.key < $1.key }) {
            parts.append(JSONText.string("suite:" + suite) + ":" + policy.canonicalJSON)
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// The project's policy governs the cases of suites without a `gate:` of their own; a
    /// suite's `gate:` (over the project's) governs that suite's cases alone, so an override
    /// can loosen a rule as well as tighten it.
    public func evaluate(_ comparison: Comparison) -> GateDecision {
        var decision = GateDecision(passed: true, reasons: [], warnings: [], notes: [])
        let overridden = Set(suiteOverrides.keys)
        if !comparison.cases.contains(where: { overridden.contains($0.suite) }) {
            apply(global, to: comparison, scope: nil, into: &decision)
        } else {
            let rest = comparison.cases.filter { !overridden.contains($0.suite) }
            if !rest.isEmpty {
                apply(
                    global, to: Self.restricted(comparison, to: rest, alpha: global.alpha),
                    scope: nil, into: &decision)
            }
        }
        for (suite, override) in suiteOverrides.sorted(by: { $0.key < $1.key }) {
            let cases = comparison.cases.filter { $0.suite == suite }
            guard !cases.isEmpty else { continue }
            let policy = override.overriding(global)
            apply(
                policy, to: Self.restricted(comparison, to: cases, alpha: policy.alpha),
                scope: suite, into: &decision)
        }
        if let line = comparison.coverage.verdictLine {
            // First: whatever the rest says was measured on part of the suites.
            decision.reasons.insert(
                "incomplete evidence: \(line.dropFirst("incomplete: ".count)); finish the runs (gate again with --resume) before deciding",
                at: 0)
        }
        let errors = comparison.cases(.error)
        if !errors.isEmpty {
            decision.reasons.append(
                "\(errors.count) case\(errors.count == 1 ? "" : "s") errored, so the results are incomplete: \(Self.list(errors)); fix the provider and gate again with --resume (it sends only those cases)"
            )
        }
        decision.passed = decision.reasons.isEmpty
        return decision
    }

    /// The comparison of some of its cases, with statistics for those cases.
    static func restricted(_ comparison: Comparison, to cases: [CaseComparison], alpha: Double?)
        -> Comparison
    {
        var sub = comparison
        sub.cases = cases
        sub.statistics = Comparer.paired(cases, alpha: alpha ?? 0.05)
        return sub
    }

    static func list(_ cases: [CaseComparison], limit: Int = 8) -> String {
        let shown = cases.prefix(limit).map(\.caseID).joined(separator: ", ")
        return cases.count > limit ? "\(shown) and \(cases.count - limit) more" : shown
    }

    private func isKnown(_ c: CaseComparison, _ policy: GatePolicy) -> Bool {
        guard let known = policy.knownFailures else { return false }
        return known.contains(c.caseID) || known.contains("\(c.suite)/\(c.caseID)")
    }

    private func apply(
        _ policy: GatePolicy, to comparison: Comparison, scope: String?, into d: inout GateDecision
    ) {
        let prefix = scope.map { "suite \($0): " } ?? ""
        var stats = comparison.statistics
        if let margin = policy.nonInferiorityMargin {
            stats = stats.withNonInferiority(margin: margin)
        }
        // Without known failures every case counts: the cases themselves, not a copy.
        let listsKnown = !(policy.knownFailures ?? []).isEmpty
        let known = listsKnown ? comparison.cases.filter { isKnown($0, policy) } : []
        let counted =
            listsKnown ? comparison.cases.filter { !isKnown($0, policy) } : comparison.cases
        // A known failure that now passes is news, not a problem.
        for c in known where c.candidate?.passed == true && c.candidate?.errored == false {
            d.notes.append(
                "\(c.suite)/\(c.caseID) is in known_failures but now passes; remove it from the list"
            )
        }
        // A regression the judge is not sure of (its repeats disagree) is flagged, not counted,
        // unless the policy says to count it.
        let unsure = counted.filter { $0.status == .regression && $0.judgeDisagreed }
        let countUnsure = policy.countJudgeDisagreements ?? false
        if !unsure.isEmpty, !countUnsure {
            d.warnings.append(
                "\(prefix)\(unsure.count) regression\(unsure.count == 1 ? "" : "s") not counted because the judge disagreed with itself: \(Self.list(unsure)); set count_judge_disagreements: true to count them"
            )
        }
        let regressions = counted.filter {
            $0.status == .regression && (countUnsure || !$0.judgeDisagreed)
        }
        if let max = policy.maxRegressions, regressions.count > max {
            d.reasons.append(
                "\(prefix)\(regressions.count) regression\(regressions.count == 1 ? "" : "s") (at most \(max) allowed): \(Self.list(regressions))"
            )
        }
        for tag in policy.criticalTags ?? [] {
            let hits = regressions.filter { $0.tags.contains(tag) }
            if !hits.isEmpty {
                d.reasons.append(
                    "\(prefix)\(hits.count) regression\(hits.count == 1 ? "" : "s") in critical tag `\(tag)`: \(Self.list(hits))"
                )
            }
        }
        if let min = policy.minPassRate {
            let graded = counted.compactMap(\.candidate).filter {
                !$0.errored && $0.gradedCount > 0
            }
            let rate =
                graded.isEmpty ? 0 : Double(graded.filter(\.passed).count) / Double(graded.count)
            if rate < min {
                d.reasons.append(
                    "\(prefix)candidate pass rate \(Self.percent(rate)) is below min_pass_rate \(Self.percent(min))"
                        + (known.isEmpty ? "" : " (known failures excluded)"))
            }
        }
        for (tag, min) in (policy.perTagMinPassRate ?? [:]).sorted(by: { $0.key < $1.key }) {
            let graded = counted.filter { $0.tags.contains(tag) }.compactMap(\.candidate)
                .filter { !$0.errored && $0.gradedCount > 0 }
            guard !graded.isEmpty else {
                // A suite that inherits the project's tags need not have every one of them.
                if let scope, suiteOverrides[scope]?.perTagMinPassRate?[tag] == nil { continue }
                d.warnings.append(
                    "\(prefix)per_tag_min_pass_rate names tag `\(tag)`, but no case has it")
                continue
            }
            let rate = Double(graded.filter(\.passed).count) / Double(graded.count)
            if rate < min {
                d.reasons.append(
                    "\(prefix)tag `\(tag)` pass rate \(Self.percent(rate)) is below \(Self.percent(min))"
                )
            }
        }
        let blockOn = policy.blockOn ?? ["worse"]
        if blockOn.contains("worse"), stats.verdict == .worse {
            d.reasons.append(
                "\(prefix)the candidate is significantly worse: \(Comparison.explain(stats))")
        }
        // With a margin, "not shown to be at most that much worse" takes the place of
        // "inconclusive": not significantly worse is not the same as not worse.
        let undecided: String?
        if let ni = stats.nonInferiority, policy.nonInferiorityMargin != nil {
            undecided =
                ni.holds || stats.verdict == .worse
                ? nil
                : "\(prefix)non-inferiority not shown: \(Comparison.explainNonInferiority(stats))"
        } else if stats.verdict == .inconclusive {
            undecided = "\(prefix)the comparison is inconclusive: \(Comparison.explain(stats))"
        } else {
            undecided = nil
        }
        if let message = undecided {
            let mode: GatePolicy.Inconclusive =
                blockOn.contains("inconclusive") ? .block : (policy.inconclusive ?? .warn)
            switch mode {
            case .block: d.reasons.append(message)
            case .warn: d.warnings.append(message)
            case .pass: break
            }
        }
        if let min = policy.minPassHatK {
            let graded = counted.compactMap(\.candidate).filter {
                !$0.errored && $0.gradedCount > 0
            }
            let k = graded.map(\.gradedCount).max() ?? 1
            let rate =
                graded.isEmpty
                ? 0 : Double(graded.filter(\.passedAll).count) / Double(graded.count)
            if rate < min {
                d.reasons.append(
                    "\(prefix)candidate pass^\(k) (every one of \(k) repeat\(k == 1 ? "" : "s") passes) is \(Self.percent(rate)), below min_pass_hat_k \(Self.percent(min))"
                        + (k == 1 ? "; run with --repeat k to measure it over repeats" : ""))
            }
        }
        if let maxIncrease = policy.maxCostIncrease {
            let cost = { (sides: [CaseSide]) in
                sides.flatMap(\.repeats).reduce(0) { $0 + $1.tokens }
            }
            let base = cost(counted.compactMap(\.base))
            let candidate = cost(counted.compactMap(\.candidate))
            if base > 0 {
                let increase = Double(candidate - base) / Double(base) * 100
                if increase > maxIncrease {
                    d.reasons.append(
                        String(
                            format:
                                "%@cost (tokens) rose %.1f%% (%d → %d), more than max_cost_increase %.1f%%",
                            prefix, increase, base, candidate, maxIncrease))
                }
            }
        }
        if let maxP95 = policy.maxP95LatencyMs {
            let latencies = counted.compactMap(\.candidate).flatMap(\.repeats)
                .filter { !$0.errored }.compactMap(\.latencyMs).sorted()
            if !latencies.isEmpty {
                let index = min(
                    latencies.count - 1, Int((Double(latencies.count) * 0.95).rounded(.up)) - 1)
                let p95 = latencies[max(0, index)]
                if p95 > maxP95 {
                    d.reasons.append(
                        String(
                            format:
                                "%@candidate p95 latency %.0f ms exceeds max_p95_latency_ms %.0f",
                            prefix, p95, maxP95))
                }
            }
        }
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
}
