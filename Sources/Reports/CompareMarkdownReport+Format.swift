import Basics
import Compare
import Foundation
import PromptGateModel

/// Numbers and sentences shared by the compare reports (Markdown, HTML, JUnit). Plain text:
/// each report escapes it for its own format.
enum CompareFormat {
    /// Names the correction wherever per-tag or per-suite verdicts are shown.
    static let multipleComparisonsNote = MultipleComparisons.description.uppercasedFirst

    /// The judge-agreement row of the Markdown and HTML summaries (ids are not in it).
    static func judgeAgreementRow(_ j: JudgeAgreement) -> (String, String) {
        let kappa = j.fleissKappa.isFinite ? String(format: "%.3f", j.fleissKappa) : "n/a"
        return (
            "Judge agreement (asked \(j.repeats) times)",
            "\(percent(j.unanimousShare)) unanimous over \(j.subjects) judged assertions, "
                + "Fleiss' κ = \(kappa); \(j.disagreements.count) case"
                + (j.disagreements.count == 1 ? "" : "s") + " where the judge disagreed with itself"
        )
    }

    /// The rows the summaries add for repeats and non-inferiority (name, value).
    static func extraRows(_ s: PairedStatistics) -> [(String, String)] {
        var rows: [(String, String)] = []
        if s.baseline.repeats > 1 || s.candidate.repeats > 1 {
            let k = max(s.baseline.repeats, s.candidate.repeats)
            rows.append(
                (
                    "pass^\(k) (every repeat passes), base → candidate",
                    percent(s.baseline.passHatK) + " → " + percent(s.candidate.passHatK)
                ))
            rows.append(
                (
                    "pass@\(k) (some repeat passes), base → candidate",
                    percent(s.baseline.passAtK) + " → " + percent(s.candidate.passAtK)
                ))
        }
        if let ni = s.nonInferiority {
            rows.append(
                (
                    "Non-inferiority (margin \(Comparison.points(ni.margin)))",
                    (ni.holds ? "holds" : "not shown")
                        + ": upper bound of base − candidate \(Comparison.points(ni.upperBound))"
                        + (ni.neededCases.map { ", about \($0) cases needed" } ?? "")
                ))
        }
        return rows
    }

    /// `71.0%`.
    static func percent(_ x: Double) -> String {
        x.isFinite ? String(format: "%.1f%%", x * 100) : "n/a"
    }

    /// `71.0% (61.5–79.0)`: a pass rate with its interval, in percent.
    static func rate(_ side: SideSummary) -> String {
        guard side.passed + side.failed > 0 else { return "n/a" }
        let i = side.interval
        guard i.low.isFinite, i.high.isFinite else { return percent(side.passRate) }
        return percent(side.passRate)
            + String(format: " (%.1f–%.1f)", i.low * 100, i.high * 100)
    }

    /// `71 passed, 29 failed, 1 error`.
    static func counts(_ side: SideSummary) -> String {
        var s = "\(side.passed) passed, \(side.failed) failed"
        if side.errors > 0 { s += ", \(side.errors) error\(side.errors == 1 ? "" : "s")" }
        return s
    }

    /// `-7.0 points (-12.6 to -1.1)`: candidate minus base, in percentage points.
    static func difference(_ s: PairedStatistics) -> String {
        guard s.pairs > 0, s.difference.isFinite else { return "n/a" }
        var out = signed(s.difference * 100) + " points"
        let i = s.differenceInterval
        if i.low.isFinite, i.high.isFinite {
            out += " (" + signed(i.low * 100) + " to " + signed(i.high * 100) + ")"
        }
        return out
    }

    private static func signed(_ x: Double) -> String {
        let text = String(format: "%.1f", abs(x))
        if text == "0.0" { return "0.0" }
        return (x < 0 ? "-" : "+") + text
    }

    /// `0.0386`; `< 0.0001` for tiny values; `n/a` for NaN.
    static func p(_ p: Double) -> String {
        guard p.isFinite else { return "n/a" }
        if p < 0.0001 { return "< 0.0001" }
        if p >= 0.99995 { return "1" }
        return String(format: "%.4f", p)
    }

    /// `0.05`.
    static func alpha(_ a: Double) -> String {
        var s = String(format: "%.4f", a)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// The verdict with its reason, on one line: "worse: the candidate fails 9 cases the base
    /// passed and passes 2 it failed; McNemar exact p = 0.0386 < 0.05".
    static func explanation(_ s: PairedStatistics) -> String {
        let a = alpha(s.alpha)
        guard s.pairs > 0 else {
            return "\(s.verdict.rawValue): no case was graded on both sides, so there is nothing "
                + "to compare"
        }
        let flips =
            "the candidate fails \(cases(s.regressions)) the base passed and passes "
            + "\(s.improvements) it failed"
        let mcnemar = "McNemar exact p = \(p(s.mcnemarP))"
        switch s.verdict {
        case .better, .worse:
            if s.mcnemarP < s.alpha || s.permutationP == nil {
                return "\(s.verdict.rawValue): \(flips); \(mcnemar) < \(a)"
            }
            let perm = s.permutationP.map(p) ?? "n/a"
            return "\(s.verdict.rawValue): \(flips); paired permutation p = \(perm) < \(a) "
                + "on per-case pass fractions (\(mcnemar))"
        case .noSignificantDifference:
            if s.regressions == s.improvements {
                return "no significant difference: \(flips), so the changes cancel out"
            }
            return "no significant difference: \(flips); \(mcnemar) ≥ \(a), and "
                + "\(cases(s.pairs)) are enough to detect a difference of this size"
        case .inconclusive:
            var line = "inconclusive: \(flips); \(mcnemar) ≥ \(a)"
            if let needed = s.neededCases {
                line +=
                    ", but detecting a difference of this size with 80% power needs about "
                    + "\(cases(needed)) (the suite has \(s.pairs))"
            }
            return line
        }
    }

    /// `1 case`, `9 cases`.
    static func cases(_ n: Int) -> String { "\(n) case\(n == 1 ? "" : "s")" }

    /// A side's verdict for one case: `passed`, `failed`, `2/3 passed`, `error`, `absent`.
    static func verdict(_ side: CaseSide?) -> String {
        guard let side else { return "absent" }
        if side.errored || side.gradedCount == 0 { return "error" }
        if side.results.count > 1 { return "\(side.passCount)/\(side.gradedCount) passed" }
        return side.passed ? "passed" : "failed"
    }

    /// The failing assertions of a side, `type: reason` (of its first failing repeat), or the
    /// error message of an errored side (capped, ``TerminalText/capped(_:limit:)``).
    static func reasons(_ side: CaseSide?) -> [String] {
        guard let side else { return [] }
        if let error = side.results.first(where: { $0.error != nil })?.error {
            return ["error: \(TerminalText.capped(error))"]
        }
        guard let failing = side.gradedResults.first(where: { !$0.passed }) else { return [] }
        let reasons = failing.assertions.filter { !$0.passed && !$0.skipped }
            .map { "\($0.type): \($0.reason)" }
        return reasons.isEmpty
            ? ["failed (score \(String(format: "%.2f", failing.score)))"] : reasons
    }

    /// `regression`, `regression (within flakiness)`.
    static func status(_ c: CaseComparison) -> String {
        c.withinFlakiness ? "\(c.status.rawValue) (within flakiness)" : c.status.rawValue
    }

    /// Reports list regressions first, then improvements, errors, flaky and changed cases.
    static func rank(_ c: CaseComparison) -> Int {
        switch c.status {
        case .regression: return 0
        case .improvement: return 1
        case .error: return 2
        case .flaky: return 3
        case .new: return 4
        case .removed: return 5
        case .notRun: return 10
        case .stillFailing: return c.textChanged || c.toolsChanged ? 6 : 8
        case .stillPassing: return c.textChanged || c.toolsChanged ? 7 : 9
        }
    }

    /// `support@1.2 → support@1.3`, with the providers when they differ.
    static func title(base: RunInfo, candidate: RunInfo) -> String {
        if base.providerName != candidate.providerName {
            return "\(base.promptRef) (\(base.providerName)) → "
                + "\(candidate.promptRef) (\(candidate.providerName))"
        }
        return "\(base.promptRef) → \(candidate.promptRef)"
    }
}

extension Comparison {
    /// The judge-agreement paragraph of the text report (and one line elsewhere).
    static func judgeAgreementText(_ j: JudgeAgreement) -> String {
        var out = "judge agreement (asked \(j.repeats) times): "
        out +=
            "\(CompareFormat.percent(j.unanimousShare)) of \(j.subjects) judged assertions unanimous"
        out +=
            ", Fleiss' κ = "
            + (j.fleissKappa.isFinite ? String(format: "%.3f", j.fleissKappa) : "n/a")
        out += "\n"
        if !j.disagreements.isEmpty {
            let shown = j.disagreements.prefix(20).map { "\($0.suite)/\($0.caseID)" }
            out += "  the judge disagreed with itself on \(j.disagreements.count) case"
            out += j.disagreements.count == 1 ? "" : "s"
            out += " (flagged, not counted as regressions by the gate): "
            out += shown.joined(separator: ", ")
            out += j.disagreements.count > 20 ? " and \(j.disagreements.count - 20) more" : ""
            out += "\n"
        }
        return out
    }
}
