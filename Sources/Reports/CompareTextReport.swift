import Basics
import Compare
import Diff
import Foundation
import PromptGateModel

/// The terminal report of `compare`: the verdict first, then regressions, improvements and
/// changed outputs with their reasons and an inline word diff.
extension Comparison {
    /// Throws when the store cannot give back the results the listed cases show.
    public func text(style: TerminalStyle, maxCasesPerSection: Int = 50, maxChangedText: Int = 5)
        throws -> String
    {
        var out = ""
        let s = statistics
        let safe = TerminalText.sanitize
        out += style.bold(safe("\(base.promptRef) → \(candidate.promptRef)"))
        if base.providerName != candidate.providerName {
            out += safe(" (\(base.providerName) → \(candidate.providerName))")
        }
        out += "  runs \(base.id) and \(candidate.id)\n"
        for note in notes { out += style.dim(safe(note)) + "\n" }
        if let line = coverage.verdictLine {
            out += style.red(style.bold(safe(line.uppercasedFirst))) + "\n"
            out += "  \(ComparisonCoverage.hint)\n"
        }
        out += "\n"
        out +=
            "  base       \(Self.rate(s.baseline))  \(s.baseline.passed)/\(s.baseline.passed + s.baseline.failed) passed"
        out += s.baseline.errors > 0 ? ", \(plural(s.baseline.errors, "error"))\n" : "\n"
        out +=
            "  candidate  \(Self.rate(s.candidate))  \(s.candidate.passed)/\(s.candidate.passed + s.candidate.failed) passed"
        out += s.candidate.errors > 0 ? ", \(plural(s.candidate.errors, "error"))\n" : "\n"
        out +=
            "  cost       base \(CostText.side(base.summary)), candidate \(CostText.side(candidate.summary))\n"
        out +=
            "  difference \(Self.signedPercent(s.difference)) (95% CI \(Self.signedPercent(s.differenceInterval.low)) to \(Self.signedPercent(s.differenceInterval.high)))"
        out += "  McNemar p = \(Self.p(s.mcnemarP))"
        if let perm = s.permutationP { out += ", permutation p = \(Self.p(perm))" }
        out += "\n"
        out += "  \(style.red(Self.count(s.regressions, "regression"))), "
        out += style.green(Self.count(s.improvements, "improvement"))
        let counts = CaseStatus.allCases.compactMap { status -> String? in
            let n = count(status)
            guard n > 0, status != .regression, status != .improvement else { return nil }
            return "\(n) \(status.rawValue)"
        }
        if !counts.isEmpty { out += ", " + counts.joined(separator: ", ") }
        out += "\n\n"
        if coverage.complete {
            out += "verdict: \(Self.colored(s.verdict, style)) — \(Self.explain(s))\n"
        } else {
            out += "verdict: \(style.red(style.bold("incomplete"))) — "
            out += safe(coverage.problems.joined(separator: "; "))
            out += "; on the cases both sides have: "
            out += "\(s.verdict.rawValue) (\(Self.explain(s)))\n"
        }
        for (name, value) in CompareFormat.extraRows(s) { out += "  \(name): \(value)\n" }
        if s.nonInferiority != nil {
            out += "  non-inferiority: \(Self.explainNonInferiority(s))\n"
        }
        let prompt = promptDiffText(style: style)
        if !prompt.isEmpty { out += "\n" + prompt }
        let families = [
            ("per tag", tags.map { ($0.tag, $0.statistics) }),
            ("per suite", suites.map { ($0.suite, $0.statistics) }),
        ]
        for (title, family) in families where !family.isEmpty {
            out += "\n\(title) (p, Holm-adjusted p):\n"
            let width = min(24, family.map(\.0.count).max() ?? 0)
            for (label, t) in family {
                let label = safe(label)
                let name =
                    label.count > width
                    ? String(label.prefix(width - 1)) + "…"
                    : label.padding(toLength: width, withPad: " ", startingAt: 0)
                out +=
                    "  \(name)  \(Self.rate(t.baseline, interval: false)) → \(Self.rate(t.candidate, interval: false))"
                out += "  \(t.regressions)↓ \(t.improvements)↑"
                out += "  p \(Self.p(t.rawP)), Holm \(Self.p(t.pAdjusted ?? t.rawP))"
                out += "  \(t.verdict.rawValue)\n"
            }
        }
        if !tags.isEmpty || !suites.isEmpty {
            out += "  (\(MultipleComparisons.description))\n"
        }
        if let j = judgeAgreement { out += "\n" + safe(Self.judgeAgreementText(j)) }
        out += safe(metricsText())
        let sameVerdict = { (c: CaseComparison) in
            c.status == .stillPassing || c.status == .stillFailing
        }
        // Each section by its test, so no section is a copy of the cases.
        let sections: [(String, (CaseComparison) -> Bool)] = [
            ("Regressions", { $0.status == .regression }),
            ("Improvements", { $0.status == .improvement }),
            ("Errors", { $0.status == .error }),
            ("Flaky", { $0.status == .flaky }),
            (
                "Changed tool calls, same verdict",
                { $0.toolsChanged && !$0.textChanged && sameVerdict($0) }
            ),
            ("Changed text, same verdict", { $0.textChanged && sameVerdict($0) }),
        ]
        for (index, (title, test)) in sections.enumerated() {
            let shown = count(where: test)
            guard shown > 0 else { continue }
            let cap = index == sections.count - 1 ? maxChangedText : maxCasesPerSection
            out += "\n" + style.bold("\(title) (\(shown))") + "\n"
            try forEachCase(cases.lazy.filter(test).prefix(cap)) {
                out += caseBlock($0, style: style)
            }
            if shown > cap {
                out += "\n  … \(shown - cap) more (use --format html or json for all)\n"
            }
        }
        return out
    }

    private func caseBlock(_ c: CaseComparison, style: TerminalStyle) -> String {
        var out = "\n  \(style.bold(TerminalText.sanitize("\(c.suite)/\(c.caseID)")))"
        out += "  \(c.status.rawValue)"
        if c.withinFlakiness { out += style.yellow("  (within the case's flakiness)") }
        if let b = c.base, let k = c.candidate, b.repeats.count > 1 || k.repeats.count > 1 {
            out +=
                "  base \(b.passCount)/\(b.gradedCount), candidate \(k.passCount)/\(k.gradedCount)"
        }
        out += "\n"
        if let input = c.input { out += "    input: \(Self.oneLine(input, limit: 160))\n" }
        for (label, side) in [("base", c.base), ("candidate", c.candidate)] {
            guard let side, let first = side.first else { continue }
            if let error = first.error {
                let shown = Self.oneLine(TerminalText.capped(error), limit: .max)
                out += "    \(label) error: \(shown)\n"
                continue
            }
            for a in first.assertions where !a.passed && !a.skipped {
                out +=
                    "    \(label) ✗ \(Self.oneLine(a.type, limit: 200)): \(Self.oneLine(a.reason, limit: 200))\n"
            }
        }
        if let change = c.toolChange { out += Self.toolLines(change, style: style) }
        if c.textChanged, let old = c.base?.output, let new = c.candidate?.output {
            let diff = TextDiff.words(old, new)
            let (shownDiff, omitted) = diff.prefix(characters: Self.diffLimit)
            let rendered = style.enabled ? shownDiff.ansi() : shownDiff.markers()
            let prefix = diff.isWhitespaceOnly ? "    diff (whitespace only): " : "    diff: "
            out += prefix + rendered.replacingOccurrences(of: "\n", with: "\n          ") + "\n"
            if omitted > 0 {
                out += "          … \(MarkdownEscape.grouped(omitted)) more characters: "
                out += "--format html or json for all\n"
            }
        }
        return out
    }

    /// "tools changed at step 2", each side's calls, then one line per differing argument.
    static func toolLines(_ change: ToolChange, style: TerminalStyle) -> String {
        var out = "    " + style.yellow("tools changed at step \(change.partingStep)") + "\n"
        for line in change.reportLines { out += "      \(oneLine(line, limit: 400))\n" }
        return out
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func rate(_ side: SideSummary, interval: Bool = true) -> String {
        let r = String(format: "%5.1f%%", side.passRate * 100)
        guard interval else { return r }
        return r
            + String(
                format: " (95%% CI %.1f–%.1f)", side.interval.low * 100, side.interval.high * 100)
    }

    static func signedPercent(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        return String(format: "%+.1f pts", x * 100)
    }

    static func colored(_ v: PairedStatistics.Verdict, _ style: TerminalStyle) -> String {
        switch v {
        case .better: style.green(style.bold(v.rawValue))
        case .worse: style.red(style.bold(v.rawValue))
        case .inconclusive: style.yellow(style.bold(v.rawValue))
        case .noSignificantDifference: style.bold(v.rawValue)
        }
    }

    /// The most characters of a case's diff the text report prints.
    static let diffLimit = 4_000

    /// Untrusted text on one line, at most `limit` characters (`…` when cut), control
    /// characters escaped.
    static func oneLine(_ s: String, limit: Int) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: " ⏎ ")
        let cut = flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
        return TerminalText.sanitize(cut)
    }
}

extension String {
    /// "incomplete: …" → "Incomplete: …".
    var uppercasedFirst: String { prefix(1).uppercased() + dropFirst() }
}
