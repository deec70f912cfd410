import Assertions
import Foundation

/// The mean score of each named metric (`metric: tone`) over a run's graded results.
public struct NamedMetric: Sendable, Hashable {
    public var name: String
    /// Mean of the scores of every assertion with this name, in 0…1.
    public var mean: Double
    /// How many assertion results the mean is over.
    public var count: Int

    public init(name: String, mean: Double, count: Int) {
        self.name = name
        self.mean = mean
        self.count = count
    }
}

public enum NamedMetrics {
    /// Means by name, sorted by name. Skipped assertions and errored cases do not count.
    public static func means(_ results: [CaseResult]) -> [NamedMetric] {
        means(graded: results.lazy.filter { $0.error == nil }.map(\.assertions))
    }

    /// Means by name over summarized results (which keep every named assertion).
    public static func means(_ results: [RepeatSummary]) -> [NamedMetric] {
        means(graded: results.lazy.filter { !$0.errored }.map(\.assertions))
    }

    /// Means by name over the assertions of each graded result.
    private static func means(graded: some Sequence<[AssertionResult]>) -> [NamedMetric] {
        var sums: [String: (total: Double, count: Int)] = [:]
        for assertions in graded {
            for assertion in assertions where !assertion.skipped {
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
        differences(base: means(base), candidate: means(candidate))
    }

    /// Each metric named on either side's summaries, sorted by name.
    public static func compare(base: [RepeatSummary], candidate: [RepeatSummary]) -> [Difference] {
        differences(base: means(base), candidate: means(candidate))
    }

    private static func differences(base: [NamedMetric], candidate: [NamedMetric])
        -> [Difference]
    {
        let b = Dictionary(uniqueKeysWithValues: base.map { ($0.name, $0.mean) })
        let c = Dictionary(uniqueKeysWithValues: candidate.map { ($0.name, $0.mean) })
        return Set(b.keys).union(c.keys).sorted().map {
            Difference(name: $0, baseline: b[$0], candidate: c[$0])
        }
    }

    /// Rounded to four places, as reports print scores.
    package static func rounded(_ x: Double) -> Double { (x * 10000).rounded() / 10000 }

    /// `tone 0.80 · accuracy 0.95`.
    package static func line(_ metrics: [NamedMetric]) -> String {
        metrics.map { "\($0.name) \(String(format: "%.2f", $0.mean))" }
            .joined(separator: " · ")
    }
}
