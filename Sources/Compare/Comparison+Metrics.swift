import PromptGateModel

extension Comparison {
    /// Named metrics of both sides and their differences.
    public var metricDifferences: [NamedMetrics.Difference] {
        NamedMetrics.compare(
            base: Array(cases.lazy.compactMap(\.base).flatMap(\.repeats)),
            candidate: Array(cases.lazy.compactMap(\.candidate).flatMap(\.repeats)))
    }
}
