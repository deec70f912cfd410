import Basics
import Foundation
import Stats

extension ABTest {
    /// The `feedback ab-test --format json` object.
    public static func json(_ test: ABTest, _ r: ABTest.Result, metric: ABMetric) -> [String: Any] {
        func variant(_ v: ABTest.Variant, _ interval: Interval) -> [String: Any] {
            [
                "name": v.name, "n": v.trials, "successes": v.successes, "sessions": v.sessions,
                "rate": JSONNumber.orNull(v.rate), "ci_low": JSONNumber.orNull(interval.low),
                "ci_high": JSONNumber.orNull(interval.high),
            ]
        }
        return [
            "metric": metric.rawValue,
            "control": variant(test.control, r.controlInterval),
            "treatment": variant(test.treatment, r.treatmentInterval),
            "z_test_p": JSONNumber.orNull(r.zTestP), "fisher_p": JSONNumber.orNull(r.fisherP),
            "difference": [
                "value": JSONNumber.orNull(r.difference),
                "ci_low": JSONNumber.orNull(r.differenceInterval.low),
                "ci_high": JSONNumber.orNull(r.differenceInterval.high),
            ],
            "needed_per_variant": JSONNumber.orNull(r.neededPerVariant),
            "srm_p": JSONNumber.orNull(r.srmP), "srm_passed": r.srmPassed,
            "split": test.split, "alpha": test.alpha,
            "verdict": r.verdict.rawValue, "reasons": r.reasons,
        ]
    }

    /// The `feedback ab-test` text report.
    public static func text(_ test: ABTest, _ r: ABTest.Result, metric: ABMetric) -> String {
        func percent(_ x: Double) -> String {
            x.isFinite ? String(format: "%.1f%%", x * 100) : "n/a"
        }
        func points(_ x: Double) -> String {
            x.isFinite ? String(format: "%+.1f", x * 100) : "n/a"
        }
        func line(_ role: String, _ v: ABTest.Variant, _ i: Interval) -> String {
            "  \(role.padding(toLength: 10, withPad: " ", startingAt: 0))"
                + "\(TerminalText.sanitize(v.name).padding(toLength: 10, withPad: " ", startingAt: 0)) "
                + "\(v.successes)/\(v.trials) = \(percent(v.rate))   95% CI \(percent(i.low))–\(percent(i.high))\n"
        }
        var out = "A/B test on '\(metric.rawValue)': \(TerminalText.sanitize(test.control.name))"
        out += " (control) vs \(TerminalText.sanitize(test.treatment.name)) (treatment)\n"
        out += line("control", test.control, r.controlInterval)
        out += line("treatment", test.treatment, r.treatmentInterval)
        out += "  difference \(points(r.difference)) points (treatment − control), 95% CI "
        out += "\(points(r.differenceInterval.low)) to \(points(r.differenceInterval.high))\n"
        out +=
            "  z-test p = \(ABTest.format(r.zTestP)); Fisher's exact p = \(ABTest.format(r.fisherP))\n"
        out += "  for 80% power at this effect: "
        out +=
            r.neededPerVariant.map { "\($0) sessions per variant\n" }
            ?? "n/a (no effect observed)\n"
        let shares = test.split.map { String(format: "%g", $0) }.joined(separator: "/")
        out += "  sample ratio: \(test.control.sessions) vs \(test.treatment.sessions) sessions "
        out += "against \(shares): p = \(ABTest.format(r.srmP))"
        out += r.srmPassed ? " (no mismatch)\n" : " — MISMATCH, results untrustworthy\n"
        out += "verdict: \(r.verdict.rawValue)\n"
        for reason in r.reasons { out += "  - \(TerminalText.sanitize(reason))\n" }
        return out
    }
}
