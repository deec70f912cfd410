import Foundation

/// The mean score of each named metric (`metric: tone`) over a run's graded results.
public struct NamedMetric: Sendable, Hashable {
    public var name: String
    /// Mean of the scores of every assertion with this name, in 0…1.
    public var mean: Double
    /// How many assertion results the mean is over.
    public var count: Int
}

public enum NamedMetrics {
    /// Means by name, sorted by name. Skipped assertions and errored cases do not count.
    public static func means(_ results: [CaseResult]) -> [NamedMetric] {
        var sums: [String: (total: Double, count: Int)] = [:]
        for result in results where result.error == nil {
            for assertion in result.assertions where !assertion.skipped {
                guard let name = assertion.metric else { continue }
                sums[name, default: (0, 0)].total += assertion.score
                sums[name, default: (0, 0)].count += 1
            }
        }
        return sums.keys.sorted().compactMap { name in
            guard let sum = sums[name], sum.count > 0 else { return nil }
            return NamedMetric(name: name, mean: sum.total / Double(sum.count), count: sum.count)
        }
    }

    /// A metric on both sides of a comparison; a side without it is nil.
    public struct Difference: Sendable, Hashable {
        public var name: String
        public var baseline: Double?
        public var candidate: Double?
        /// candidate − baseline, when both sides have the metric.
        public var difference: Double? {
            guard let baseline, let candidate else { return nil }
            return candidate - baseline
        }
    }

    /// Each metric named on either side, sorted by name.
    public static func compare(base: [CaseResult], candidate: [CaseResult]) -> [Difference] {
        let b = Dictionary(uniqueKeysWithValues: means(base).map { ($0.name, $0.mean) })
        let c = Dictionary(uniqueKeysWithValues: means(candidate).map { ($0.name, $0.mean) })
        return Set(b.keys).union(c.keys).sorted().map {
            Difference(name: $0, baseline: b[$0], candidate: c[$0])
        }
    }

    /// Rounded to four places, as reports print scores.
    static func rounded(_ x: Double) -> Double { (x * 10000).rounded() / 10000 }

    /// `tone 0.80 · accuracy 0.95`.
    static func line(_ metrics: [NamedMetric]) -> String {
        metrics.map { "\($0.name) \(String(format: "%.2f", $0.mean))" }
            .joined(separator: " · ")
    }
}

extension Comparison {
    /// Named metrics of both sides and their differences.
    public var metricDifferences: [NamedMetrics.Difference] {
        NamedMetrics.compare(
            base: cases.flatMap { $0.base?.results ?? [] },
            candidate: cases.flatMap { $0.candidate?.results ?? [] })
    }

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
