import Compare
import Foundation
import PromptGateModel

extension Comparison {
    /// The `metrics` object of the compare JSON report.
    func metricsObject() -> [String: Any] {
        var out: [String: Any] = [:]
        for d in metricDifferences {
            func json(_ x: Double?) -> Any { x.map(NamedMetrics.rounded) ?? NSNull() }
            out[d.name] = [
                "baseline": json(d.baseline), "candidate": json(d.candidate),
                "difference": json(d.difference),
            ]
        }
        return out
    }

    /// The `metrics:` block of the compare text report, or "" without named metrics.
    func metricsText() -> String {
        let differences = metricDifferences
        guard !differences.isEmpty else { return "" }
        let width = min(24, differences.map(\.name.count).max() ?? 0)
        func value(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? " n/a" }
        var out = "\nmetrics (mean score):\n"
        for d in differences {
            let name = d.name.padding(toLength: width, withPad: " ", startingAt: 0)
            out += "  \(name)  \(value(d.baseline)) → \(value(d.candidate))"
            if let diff = d.difference { out += String(format: "  (%+.2f)", diff) }
            out += "\n"
        }
        return out
    }
}
