import Foundation

/// A finished (or interrupted) run with its results, ready to render.
public struct RunReport: Sendable {
    public var info: RunInfo
    public var results: [CaseResult]
    /// Named-metric means from the store (``RunStore/metricMeans(runID:)``), for reports whose
    /// ``results`` are only the failing ones; nil computes them from ``results``.
    public var metrics: [NamedMetric]?
    /// The summary counted in the store for a run killed before it could save one, for
    /// reports whose ``results`` are not the whole run; wins over counting ``results``.
    public var counted: RunSummary?

    public init(info: RunInfo, results: [CaseResult]) {
        self.info = info
        self.results = results
    }

    /// The stored summary; recomputed from the results for a run killed before it could save one.
    public var summary: RunSummary {
        if let stored = info.summary, info.status != .running, info.status != .stale {
            return stored
        }
        if let counted { return counted }
        var s = RunSummary()
        for r in results { s.add(r) }
        s.planned = info.summary?.planned ?? results.count
        s.wallSeconds = info.summary?.wallSeconds ?? 0
        s.shard = info.summary?.shard
        return s
    }
}
