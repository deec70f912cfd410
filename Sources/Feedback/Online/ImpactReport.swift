import Basics
import Foundation
import PromptGateModel
import Stats

/// Per prompt version: how sessions ended and how long they took, against a control
/// (`promptgate feedback impact`).
public struct ImpactReport: Sendable {
    public struct Row: Sendable {
        public var version: String
        public var sessions: Int
        /// Sessions with an outcome value; the rates are over these.
        public var withOutcome: Int
        public var resolutionRate: Double?
        public var escalationRate: Double?
        /// Sessions with a time to outcome; the times are over these.
        public var timed: Int
        public var medianMs: Double?
        public var p90Ms: Double?
        public var meanMs: Double?
        /// Control's mean time − this version's mean time (positive: time saved per session).
        public var timeSavedMs: Double?
        /// A 95% interval for `timeSavedMs` (Welch, normal approximation).
        public var timeSavedInterval: Interval?
    }

    public var control: String
    public var rows: [Row]

    /// The report over `outcomes`; `control` defaults to the lowest version. Nil when there
    /// are no outcomes; throws when `control` names a version without outcomes.
    public static func compute(_ outcomes: [OutcomeRecord], control: String? = nil)
        throws(PromptGateError) -> ImpactReport?
    {
        var byVersion: [String: [OutcomeRecord]] = [:]
        for outcome in outcomes { byVersion[outcome.promptVersion, default: []].append(outcome) }
        let versions = byVersion.keys.sorted(by: VersionOrder.less)
        guard let lowest = versions.first else { return nil }
        let base = control ?? lowest
        guard byVersion[base] != nil else {
            throw .usage(
                "no outcomes for control version '\(base)'",
                hint: "versions with outcomes: \(versions.joined(separator: ", "))")
        }
        var rows = versions.map { row($0, byVersion[$0] ?? []) }
        let reference = byVersion[base].map(times) ?? []
        for index in rows.indices where rows[index].version != base {
            let own = times(byVersion[rows[index].version] ?? [])
            guard let controlMean = mean(reference), let mean = mean(own) else { continue }
            rows[index].timeSavedMs = controlMean - mean
            if reference.count >= 2, own.count >= 2 {
                let se =
                    (variance(reference) / Double(reference.count)
                    + variance(own) / Double(own.count)).squareRoot()
                let half = 1.959963984540054 * se
                rows[index].timeSavedInterval = Interval(
                    low: controlMean - mean - half, high: controlMean - mean + half)
            }
        }
        return ImpactReport(control: base, rows: rows)
    }

    private static func row(_ version: String, _ outcomes: [OutcomeRecord]) -> Row {
        let values = outcomes.compactMap(\.outcome)
        let sorted = times(outcomes).sorted()
        let rate = { (test: (String) -> Bool) -> Double? in
            values.isEmpty ? nil : Double(values.filter(test).count) / Double(values.count)
        }
        return Row(
            version: version, sessions: outcomes.count, withOutcome: values.count,
            resolutionRate: rate(OutcomeKind.isResolution),
            escalationRate: rate(OutcomeKind.isEscalation), timed: sorted.count,
            medianMs: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9), meanMs: mean(sorted))
    }

    private static func times(_ outcomes: [OutcomeRecord]) -> [Double] {
        outcomes.compactMap(\.timeToOutcomeMs).filter { $0.isFinite && $0 >= 0 }
    }

    /// The `q` quantile of sorted values by linear interpolation (R's type 7).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
    }

    private static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    private static func variance(_ values: [Double]) -> Double {
        guard values.count > 1, let m = mean(values) else { return 0 }
        return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
    }
}
